using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>An order was placed (or reopened) and takes offers until <paramref name="BidDeadline"/>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="SpecCid">Its job spec's CID (null when the tenant put bytes that are not a CID on-chain).</param>
/// <param name="BidDeadline">Unix seconds.</param>
public sealed record OrderOpened(BigInteger OrderId, Cid? SpecCid, ulong BidDeadline) : INodeEvent;
