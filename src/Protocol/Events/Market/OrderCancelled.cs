using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OrderCancelled(uint256 indexed orderId, uint256 refund)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Refund">The event's <c>refund</c>.</param>
public sealed record OrderCancelled(BigInteger OrderId, BigInteger Refund) : ChainEvent;
