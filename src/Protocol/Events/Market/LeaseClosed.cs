using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseClosed(uint256 indexed leaseId, uint256 indexed orderId, address indexed provider, uint32 epoch, uint16 reason, uint256 refund)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="OrderId">The event's <c>orderId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="Reason">The event's <c>reason</c>.</param>
/// <param name="Refund">The event's <c>refund</c>.</param>
public sealed record LeaseClosed(BigInteger LeaseId, BigInteger OrderId, string Provider, uint Epoch, LeaseReason Reason, BigInteger Refund) : ChainEvent;
