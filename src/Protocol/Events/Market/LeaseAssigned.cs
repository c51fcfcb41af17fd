using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseAssigned(uint256 indexed leaseId, uint256 indexed orderId, address indexed provider, uint32 epoch, uint256 pricePerSecond, uint64 ackDeadline)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="PricePerSecond">The event's <c>pricePerSecond</c>.</param>
/// <param name="AckDeadline">The event's <c>ackDeadline</c>.</param>
public sealed record LeaseAssigned(BigInteger LeaseId, BigInteger OrderId, string Provider, uint Epoch, BigInteger PricePerSecond, ulong AckDeadline) : ChainEvent;
