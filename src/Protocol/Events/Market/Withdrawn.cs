using System.Numerics;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>Withdrawn(address indexed account, uint256 amount)</c>.</summary>
/// <param name="Account">The event's <c>account</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
public sealed record Withdrawn(string Account, BigInteger Amount) : ChainEvent;
