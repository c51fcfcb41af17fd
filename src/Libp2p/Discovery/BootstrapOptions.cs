namespace DePinGpu.Libp2p.Discovery;

/// <summary>Reconnection policy for bootstrap peers.</summary>
public sealed record BootstrapOptions
{
    /// <summary>How often the list is checked for peers that need a (re)dial.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after the first failed dial; doubled after each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between dials of an unreachable peer.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Random spread added to each back-off (fraction of it), so restarts do not dial in lock-step.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Time allowed for one dial.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
