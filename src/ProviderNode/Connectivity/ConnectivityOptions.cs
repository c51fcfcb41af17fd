using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>How the node watches its reach to the chain (configuration section <c>Connectivity</c>).</summary>
public sealed record ConnectivityOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connectivity";

    /// <summary>Longest time between probes, whatever the chain's timing.</summary>
    public static readonly TimeSpan MaxProbeInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time between probes of the chain (a read of the provider's record through the RPC endpoints), always. Null (the
    /// default): while all is well, a sixth of the registry's heartbeat timeout (at least
    /// <see cref="RecoveryProbeInterval"/>, at most 5 minutes), and <see cref="RecoveryProbeInterval"/> otherwise — see
    /// <see cref="ProbeSchedule"/>.
    /// </summary>
    public TimeSpan? ProbeInterval { get; init; }

    /// <summary>
    /// Time between probes while the chain is lost, the leases are being read back, the heartbeat is overdue or a
    /// stopped workload waits for a heartbeat mined after the reconnection (when <see cref="ProbeInterval"/> is not set).
    /// </summary>
    public TimeSpan RecoveryProbeInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before a lease call that failed in transport is tried again; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two tries of a lease call.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ProbeInterval is { } probe && (probe < TimeSpan.FromMilliseconds(100) || probe > MaxProbeInterval))
        {
            problems.Add($"ProbeInterval {probe} must be between 100 ms and 5 minutes (or not set: derived from the registry's heartbeat timeout).");
        }

        if (RecoveryProbeInterval < TimeSpan.FromMilliseconds(100) || RecoveryProbeInterval > MaxProbeInterval)
        {
            problems.Add($"RecoveryProbeInterval {RecoveryProbeInterval} must be between 100 ms and 5 minutes.");
        }

        if (RetryDelay < TimeSpan.FromMilliseconds(10) || RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"RetryDelay {RetryDelay} must be between 10 ms and a minute.");
        }

        if (MaxRetryDelay < RetryDelay || MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            problems.Add($"MaxRetryDelay {MaxRetryDelay} must be at least RetryDelay and at most 10 minutes.");
        }

        return problems;
    }
}
