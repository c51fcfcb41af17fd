using System.Numerics;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>One hint to the verifier loop: a lease to re-read, a provider's heartbeat to re-read, or a gossip heartbeat.</summary>
/// <param name="LeaseId">A lease that changed, or null.</param>
/// <param name="Provider">The provider concerned, or null.</param>
/// <param name="GossipSentAt">For a gossip heartbeat: when it was sent; null for an on-chain hint.</param>
public sealed record VerifierHint(BigInteger? LeaseId, string? Provider, DateTimeOffset? GossipSentAt);
