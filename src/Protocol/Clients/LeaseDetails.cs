using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Clients;

/// <summary>A lease as the market knows it. The id never changes; provider and epoch do.</summary>
/// <param name="LeaseId">Lease id.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="Slot">Replica index within the order.</param>
/// <param name="Kind">Stateful or Stateless.</param>
/// <param name="State">Life-cycle state.</param>
/// <param name="Provider">Current provider, null while Reassigning or closed without one.</param>
/// <param name="Epoch">Current epoch (fencing token for provider calls).</param>
/// <param name="PricePerSecond">Price paid to the current provider.</param>
/// <param name="AssignedAt">When the current provider got it.</param>
/// <param name="AckDeadline">Acknowledge before this while Assigned (null otherwise).</param>
/// <param name="StartedAt">When the current provider acknowledged.</param>
/// <param name="SettledUntil">Paid through this time.</param>
/// <param name="EndsAt">Nothing accrues after this.</param>
/// <param name="ReassignDeadline">While Reassigning: replacement offers until then (null otherwise).</param>
/// <param name="Escrow">Escrow of the lease.</param>
/// <param name="CheckpointDigest">bytes20(keccak256(cid)) of the last checkpoint, null if none.</param>
/// <param name="CheckpointStep">Step of the last checkpoint.</param>
/// <param name="CheckpointAt">When it was committed.</param>
/// <param name="CloseReason">Why it closed (None unless Closed).</param>
public sealed record LeaseDetails(
    BigInteger LeaseId,
    BigInteger OrderId,
    ushort Slot,
    OrderKind Kind,
    LeaseState State,
    string? Provider,
    uint Epoch,
    BigInteger PricePerSecond,
    DateTimeOffset AssignedAt,
    DateTimeOffset? AckDeadline,
    DateTimeOffset StartedAt,
    DateTimeOffset SettledUntil,
    DateTimeOffset EndsAt,
    DateTimeOffset? ReassignDeadline,
    BigInteger Escrow,
    byte[]? CheckpointDigest,
    ulong CheckpointStep,
    DateTimeOffset CheckpointAt,
    LeaseReason CloseReason);
