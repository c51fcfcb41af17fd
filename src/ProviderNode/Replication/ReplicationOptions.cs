using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>How a standby fetches the checkpoints it replicates (configuration section <c>Replication</c>).</summary>
public sealed record ReplicationOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Replication";

    /// <summary>Largest checkpoint replicated, in bytes of blocks fetched (a larger one is unpinned and not announced).</summary>
    public long MaxCheckpointBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>How long one fetch attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fetch attempts per announced checkpoint.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt; it doubles before each later one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the active holder waits for its standbys to hold a checkpoint before it gives that one up.</summary>
    public TimeSpan CommitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a lease's active provider may be silent on gossip (no heartbeat, no announcement) before its standbys
    /// prepare the hand-over (export the newest replicated checkpoint); three missed gossip heartbeats by default, well
    /// inside the chain's heartbeat timeout.
    /// </summary>
    public TimeSpan StandbySilence { get; init; } = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (StandbySilence < TimeSpan.FromMilliseconds(100) || StandbySilence > TimeSpan.FromMinutes(10))
        {
            problems.Add($"StandbySilence {StandbySilence} must be between 100 ms and 10 minutes.");
        }

        if (CommitWait <= TimeSpan.Zero || CommitWait > TimeSpan.FromHours(6))
        {
            problems.Add($"CommitWait {CommitWait} must be above zero and at most 6 hours.");
        }

        if (MaxCheckpointBytes <= 0)
        {
            problems.Add($"MaxCheckpointBytes {MaxCheckpointBytes} must be positive.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromHours(6))
        {
            problems.Add($"AttemptTimeout {AttemptTimeout} must be above zero and at most 6 hours.");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            problems.Add($"MaxAttempts {MaxAttempts} must be between 1 and 100.");
        }

        if (FirstRetryDelay < TimeSpan.Zero || FirstRetryDelay > TimeSpan.FromMinutes(10))
        {
            problems.Add($"FirstRetryDelay {FirstRetryDelay} must be between zero and 10 minutes.");
        }

        return problems;
    }
}
