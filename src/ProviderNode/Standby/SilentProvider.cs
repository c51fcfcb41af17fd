using System.Numerics;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>A lease whose active provider went quiet on gossip.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Provider">Its active provider (owner address, lower-case).</param>
/// <param name="LastHeard">When this node last heard from that provider.</param>
public sealed record SilentProvider(BigInteger LeaseId, string Provider, DateTimeOffset LastHeard);
