using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseStarted(uint256 indexed leaseId, address indexed provider, uint32 epoch)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
public sealed record LeaseStarted(BigInteger LeaseId, string Provider, uint Epoch) : ChainEvent;
