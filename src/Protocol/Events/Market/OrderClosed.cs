using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OrderClosed(uint256 indexed orderId)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
public sealed record OrderClosed(BigInteger OrderId) : ChainEvent;
