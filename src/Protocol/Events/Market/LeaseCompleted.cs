using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseCompleted(uint256 indexed leaseId, address indexed provider, uint32 epoch, bytes resultCid)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="ResultCid">The event's <c>resultCid</c>.</param>
public sealed record LeaseCompleted(BigInteger LeaseId, string Provider, uint Epoch, Cid? ResultCid) : ChainEvent;
