using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>LeaseToppedUp(uint256 indexed leaseId, address indexed payer, uint256 amount, uint256 escrow)</c>.</summary>
/// <param name="LeaseId">The event's <c>leaseId</c>.</param>
/// <param name="Payer">The event's <c>payer</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
/// <param name="Escrow">The event's <c>escrow</c>.</param>
public sealed record LeaseToppedUp(BigInteger LeaseId, string Payer, BigInteger Amount, BigInteger Escrow) : ChainEvent;
