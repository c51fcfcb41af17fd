using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>FaultReported(uint256 indexed leaseId, address indexed provider, address indexed reporter, uint32 epoch, uint16 reason, uint256 slashed, uint256 finderFee)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Reporter">The event's <c>reporter</c> (addresses lower-case).</param>
/// <param name="Epoch">The event's <c>epoch</c>.</param>
/// <param name="Reason">The event's <c>reason</c>.</param>
/// <param name="Slashed">The event's <c>slashed</c>.</param>
/// <param name="FinderFee">The event's <c>finderFee</c>.</param>
public sealed record FaultReported(BigInteger LeaseId, string Provider, string Reporter, uint Epoch, LeaseReason Reason, BigInteger Slashed, BigInteger FinderFee) : ChainEvent;
