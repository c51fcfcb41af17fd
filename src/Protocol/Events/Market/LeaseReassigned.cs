using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseReassigned(uint256 indexed leaseId, uint256 indexed orderId, address indexed previousProvider, uint32 newEpoch, uint16 reason)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="PreviousProvider">The event's <c>previousProvider</c> (addresses lower-case).</param>
/// <param name="NewEpoch">The event's <c>newEpoch</c>.</param>
/// <param name="Reason">The event's <c>reason</c>.</param>
public sealed record LeaseReassigned(BigInteger LeaseId, BigInteger OrderId, string PreviousProvider, uint NewEpoch, LeaseReason Reason) : ChainEvent;
