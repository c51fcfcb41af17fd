namespace DePinGpu.Protocol.Events.Market;

/// <summary>The LeaseMarket event <c>TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury)</c>.</summary>
/// <param name="PreviousTreasury">The event's <c>previousTreasury</c> (addresses lower-case).</param>
/// <param name="NewTreasury">The event's <c>newTreasury</c> (addresses lower-case).</param>
public sealed record TreasuryUpdated(string PreviousTreasury, string NewTreasury) : ChainEvent;
