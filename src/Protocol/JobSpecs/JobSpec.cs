namespace DePinGpu.Protocol.JobSpecs;

/// <summary>
/// A validated job spec (schema version 1, <c>docs/job-spec.md</c>): what the node runs for a lease. Built only by
/// <see cref="JobSpecParser"/> (or by code that then writes and re-parses it), so every instance is within bounds.
/// </summary>
public sealed record JobSpec
{
    /// <summary>The schema version this node understands.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Docker or process.</summary>
    public required WorkloadRuntimeKind Runtime { get; init; }

    /// <summary>The image reference (name[:tag] or name@sha256:digest) for Docker; null for a process.</summary>
    public string? Image { get; init; }

    /// <summary>The program and its arguments; for Docker it replaces the image's entrypoint (empty: the image's own).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>GPUs, CPU and memory of one replica.</summary>
    public ResourceRequest Resources { get; init; } = ResourceRequest.None;

    /// <summary>Environment variables the tenant sets (never the DEPIN_ ones or PORT: the node sets those).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Inputs fetched by CID before the start.</summary>
    public IReadOnlyList<InputSpec> Inputs { get; init; } = [];

    /// <summary>Checkpoint interval, replicas and signal.</summary>
    public CheckpointPolicy Checkpoint { get; init; } = CheckpointPolicy.Default;

    /// <summary>Time between SIGTERM and the kill.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An exit code meaning "restart me from my last checkpoint"; null when the spec declares none.</summary>
    public int? RestartExitCode { get; init; }

    /// <summary>Keep or stop the workload while no heartbeat can be mined.</summary>
    public OnChainLossPolicy OnChainLoss { get; init; } = OnChainLossPolicy.Keep;

    /// <summary>Port, health path and idempotence for services; null for batch jobs.</summary>
    public ServiceSpec? Service { get; init; }
}
