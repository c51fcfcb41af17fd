using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>What the verifier keeps of a lease that is not closed, as last read from the chain.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">Its epoch when read.</param>
/// <param name="State">Assigned, Running or Reassigning.</param>
/// <param name="Provider">Its provider (owner address), null while Reassigning.</param>
/// <param name="StartedAt">When the current provider acknowledged (a sign of life like a heartbeat).</param>
/// <param name="EndsAt">Nothing accrues after this; a silence that starts after it is no fault.</param>
/// <param name="ReassignDeadline">While Reassigning: replacement offers until then.</param>
/// <param name="HeartbeatTimeout">The order's heartbeat timeout (fixed at creation).</param>
/// <param name="AckDeadline">While Assigned: the provider must acknowledge by then, else it may be reported for a start timeout.</param>
public sealed record WatchedLease(
    BigInteger LeaseId,
    uint Epoch,
    LeaseState State,
    string? Provider,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? ReassignDeadline,
    TimeSpan HeartbeatTimeout,
    DateTimeOffset? AckDeadline = null);
