using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>OrderFinalized(uint256 indexed orderId, uint256 firstLeaseId, uint8 leaseCount, address[] standbys)</c>.</summary>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="FirstLeaseId">The event's <c>firstLeaseId</c>.</param>
/// <param name="LeaseCount">The event's <c>leaseCount</c>.</param>
/// <param name="Standbys">The event's <c>standbys</c> (addresses lower-case).</param>
public sealed record OrderFinalized(BigInteger OrderId, BigInteger FirstLeaseId, byte LeaseCount, IReadOnlyList<string> Standbys) : ChainEvent;
