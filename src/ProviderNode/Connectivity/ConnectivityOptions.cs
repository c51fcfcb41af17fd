using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>How the node watches its reach to the chain (configuration section <c>Connectivity</c>).</summary>
public sealed record ConnectivityOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connectivity";

    /// <summary>Time between probes of the chain (a read of the provider's record through the RPC endpoints).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before a lease call that failed in transport is tried again; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two tries of a lease call.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ProbeInterval < TimeSpan.FromMilliseconds(100) || ProbeInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add($"ProbeInterval {ProbeInterval} must be between 100 ms and 5 minutes.");
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
