namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// The allowed moves of a lease at one epoch. Triggers may repeat (chain events arrive at least once, a restarted
/// node replays its steps): a trigger that leads to the state the lease is already in is accepted and changes nothing;
/// one that would go backwards or leave a final state is refused.
/// </summary>
public static class LeaseStateMachine
{
    /// <summary>The state <paramref name="trigger"/> leads to from <paramref name="current"/>, or null when it is not allowed.</summary>
    public static LeaseStatus? Next(LeaseStatus current, LeaseTrigger trigger) => (current, trigger) switch
    {
        (LeaseStatus.Completed or LeaseStatus.Closed or LeaseStatus.HandedOver, _) => Final(current, trigger),
        (_, LeaseTrigger.CompletedOnChain) => LeaseStatus.Completed,
        (_, LeaseTrigger.ClosedOnChain) => LeaseStatus.Closed,
        (_, LeaseTrigger.MovedOnChain) => LeaseStatus.HandedOver,
        (LeaseStatus.Won or LeaseStatus.SpecFetched, LeaseTrigger.SpecFetched) => LeaseStatus.SpecFetched,
        (LeaseStatus.SpecFetched or LeaseStatus.Acknowledged, LeaseTrigger.Acknowledged) => LeaseStatus.Acknowledged,
        (LeaseStatus.Acknowledged or LeaseStatus.Running, LeaseTrigger.Started) => LeaseStatus.Running,
        (LeaseStatus.Running or LeaseStatus.Finishing, LeaseTrigger.Exited) => LeaseStatus.Finishing,
        _ => null,
    };

    /// <summary>Applies <paramref name="trigger"/> to <paramref name="record"/>; null when not allowed.</summary>
    public static LeaseRecord? Apply(LeaseRecord record, LeaseTrigger trigger, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Next(record.Status, trigger) is { } next ? record with { Status = next, UpdatedAt = now } : null;
    }

    /// <summary>
    /// True when an assignment at <paramref name="epoch"/> replaces <paramref name="record"/>: a lease this node
    /// never had, or had at an earlier epoch (a standby promoted after it handed the lease over).
    /// </summary>
    public static bool IsNewAssignment(LeaseRecord? record, long epoch) => record is null || epoch > record.Epoch;

    private static LeaseStatus? Final(LeaseStatus current, LeaseTrigger trigger) => (current, trigger) switch
    {
        (LeaseStatus.Completed, LeaseTrigger.CompletedOnChain) => current,
        (LeaseStatus.Closed, LeaseTrigger.ClosedOnChain) => current,
        (LeaseStatus.HandedOver, LeaseTrigger.MovedOnChain) => current,
        _ => null,
    };
}
