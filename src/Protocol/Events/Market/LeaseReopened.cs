using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseReopened(uint256 indexed leaseId, uint256 indexed orderId, uint32 epoch, uint64 offerDeadline)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="OfferDeadline">The event's <c>offerDeadline</c>.</param>
public sealed record LeaseReopened(BigInteger LeaseId, BigInteger OrderId, uint Epoch, ulong OfferDeadline) : ChainEvent;
