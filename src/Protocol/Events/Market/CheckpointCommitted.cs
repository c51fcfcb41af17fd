using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>CheckpointCommitted(uint256 indexed leaseId, uint32 indexed epoch, uint64 step, bytes cid, uint64 sizeBytes)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="Step">The event's <c>step</c>.</param>
/// <param name="Cid">The event's <c>cid</c> (null when the bytes are not a CID).</param>
/// <param name="SizeBytes">The event's <c>sizeBytes</c>.</param>
public sealed record CheckpointCommitted(BigInteger LeaseId, uint Epoch, ulong Step, Cid? Cid, ulong SizeBytes) : ChainEvent;
