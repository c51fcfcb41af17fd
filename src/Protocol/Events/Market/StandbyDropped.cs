using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>StandbyDropped(uint256 indexed orderId, address indexed provider, uint256 indexed leaseId)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
public sealed record StandbyDropped(BigInteger OrderId, string Provider, BigInteger LeaseId) : ChainEvent;
