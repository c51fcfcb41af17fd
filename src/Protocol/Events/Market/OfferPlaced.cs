using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OfferPlaced(uint256 indexed orderId, address indexed provider, uint256 pricePerSecond, uint16 sequence)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="PricePerSecond">The event's <c>pricePerSecond</c>.</param>
/// <param name="Sequence">The event's <c>sequence</c>.</param>
public sealed record OfferPlaced(BigInteger OrderId, string Provider, BigInteger PricePerSecond, uint Sequence) : ChainEvent;
