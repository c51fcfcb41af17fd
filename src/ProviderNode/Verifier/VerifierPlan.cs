using System.Numerics;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>What a verifier round should do now, and when the next round is due.</summary>
/// <param name="Reports">Batched reports to simulate and send.</param>
/// <param name="Closes">Reopened leases past their offer deadline, to close with <c>closeDueLease</c>.</param>
/// <param name="HeartbeatReads">Providers whose on-chain heartbeat to read now (unknown, or their gossip went silent).</param>
/// <param name="StartTimeouts">Assigned leases past their acknowledgement deadline, to report with <c>reportStartTimeout</c>.</param>
/// <param name="NextRoundAt">When something next becomes due (null: nothing is scheduled).</param>
public sealed record VerifierPlan(
    IReadOnlyList<ProviderReport> Reports,
    IReadOnlyList<BigInteger> Closes,
    IReadOnlyList<string> HeartbeatReads,
    DateTimeOffset? NextRoundAt,
    IReadOnlyList<BigInteger>? StartTimeouts = null);
