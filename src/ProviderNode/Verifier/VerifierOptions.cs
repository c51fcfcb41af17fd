using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>The verifier role (configuration section <c>Verifier</c>): reports providers that stopped heart-beating.</summary>
public sealed record VerifierOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Verifier";

    /// <summary>The contract's largest batch (<c>MAX_BATCH</c> of the market).</summary>
    public const int ContractMaxBatch = 32;

    /// <summary>Whether <c>depin-node run</c> runs the verifier (it earns the finder's fee); on by default.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long after a lease becomes reportable by the chain's clock the verifier looks (absorbs clock skew).</summary>
    public TimeSpan CheckDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Pause before looking again when the chain says "not yet" or cannot be reached.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gossip heartbeats missing this long make the verifier re-read that provider's on-chain heartbeat now.</summary>
    public TimeSpan GossipSilence { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest sleep between two rounds even when nothing is due (the chain is re-read then).</summary>
    public TimeSpan MaxIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many of the newest leases are read from the chain at start.</summary>
    public int SeedLeaseLimit { get; init; } = 10_000;

    /// <summary>Most leases in one report transaction (at most the contract's 32).</summary>
    public int MaxBatch { get; init; } = ContractMaxBatch;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, CheckDelay >= TimeSpan.Zero && CheckDelay <= TimeSpan.FromSeconds(10), $"CheckDelay {CheckDelay} must be between 0 and 10 seconds.");
        Check(problems, RetryInterval >= TimeSpan.FromMilliseconds(100) && RetryInterval <= TimeSpan.FromMinutes(1), $"RetryInterval {RetryInterval} must be between 100 ms and a minute.");
        Check(problems, GossipSilence >= TimeSpan.FromSeconds(1) && GossipSilence <= TimeSpan.FromHours(1), $"GossipSilence {GossipSilence} must be between a second and an hour.");
        Check(problems, MaxIdle >= TimeSpan.FromSeconds(1) && MaxIdle <= TimeSpan.FromMinutes(10), $"MaxIdle {MaxIdle} must be between a second and 10 minutes.");
        Check(problems, SeedLeaseLimit is >= 1 and <= 1_000_000, $"SeedLeaseLimit {SeedLeaseLimit} must be between 1 and 1,000,000.");
        Check(problems, MaxBatch is >= 1 and <= ContractMaxBatch, $"MaxBatch {MaxBatch} must be between 1 and {ContractMaxBatch}.");
        return problems;
    }

    private static void Check(List<string> problems, bool valid, string problem)
    {
        if (!valid)
        {
            problems.Add(problem);
        }
    }
}
