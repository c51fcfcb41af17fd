using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OfferEvicted(uint256 indexed orderId, address indexed provider, uint256 pricePerSecond)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="PricePerSecond">The event's <c>pricePerSecond</c>.</param>
public sealed record OfferEvicted(BigInteger OrderId, string Provider, BigInteger PricePerSecond) : ChainEvent;
