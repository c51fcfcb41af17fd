using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>StandbyLeft(uint256 indexed orderId, address indexed provider)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
public sealed record StandbyLeft(BigInteger OrderId, string Provider) : ChainEvent;
