using DePinGpu.ProviderNode.Leases;

namespace DePinGpu.ProviderNode.Tests.Leases;

public sealed class LeaseStateMachineTests
{
    [Fact]
    public void HappyPath_WonToCompleted_PassesEveryState()
    {
        var status = LeaseStatus.Won;
        LeaseTrigger[] path = [LeaseTrigger.SpecFetched, LeaseTrigger.Acknowledged, LeaseTrigger.Started, LeaseTrigger.Exited, LeaseTrigger.CompletedOnChain];
        var seen = new List<LeaseStatus>();
        foreach (var trigger in path)
        {
            status = LeaseStateMachine.Next(status, trigger)!.Value;
            seen.Add(status);
        }

        Assert.Equal([LeaseStatus.SpecFetched, LeaseStatus.Acknowledged, LeaseStatus.Running, LeaseStatus.Finishing, LeaseStatus.Completed], seen);
    }

    [Theory]
    [InlineData(LeaseStatus.Acknowledged, LeaseTrigger.SpecFetched)]
    [InlineData(LeaseStatus.Won, LeaseTrigger.Started)]
    [InlineData(LeaseStatus.Won, LeaseTrigger.Acknowledged)]
    [InlineData(LeaseStatus.Completed, LeaseTrigger.Started)]
    [InlineData(LeaseStatus.HandedOver, LeaseTrigger.CompletedOnChain)]
    [InlineData(LeaseStatus.Closed, LeaseTrigger.MovedOnChain)]
    public void BackwardsOrOutOfAFinalState_IsRefused(LeaseStatus from, LeaseTrigger trigger) =>
        Assert.Null(LeaseStateMachine.Next(from, trigger));

    [Theory]
    [InlineData(LeaseStatus.SpecFetched, LeaseTrigger.SpecFetched)]
    [InlineData(LeaseStatus.Acknowledged, LeaseTrigger.Acknowledged)]
    [InlineData(LeaseStatus.Running, LeaseTrigger.Started)]
    [InlineData(LeaseStatus.HandedOver, LeaseTrigger.MovedOnChain)]
    [InlineData(LeaseStatus.Completed, LeaseTrigger.CompletedOnChain)]
    public void RepeatedTrigger_StaysWhereItIs(LeaseStatus status, LeaseTrigger trigger) =>
        Assert.Equal(status, LeaseStateMachine.Next(status, trigger));

    [Theory]
    [InlineData(LeaseStatus.Won)]
    [InlineData(LeaseStatus.Running)]
    [InlineData(LeaseStatus.Finishing)]
    public void MovedOnChain_FromAnyLiveState_HandsOver(LeaseStatus from) =>
        Assert.Equal(LeaseStatus.HandedOver, LeaseStateMachine.Next(from, LeaseTrigger.MovedOnChain));

    [Fact]
    public void Assignment_AtLaterEpoch_IsNew_SameOrEarlierIsNot()
    {
        var record = new LeaseRecord { Id = "7", Epoch = 2, Status = LeaseStatus.HandedOver };
        Assert.True(LeaseStateMachine.IsNewAssignment(null, 1));
        Assert.True(LeaseStateMachine.IsNewAssignment(record, 3));
        Assert.False(LeaseStateMachine.IsNewAssignment(record, 2));
        Assert.False(LeaseStateMachine.IsNewAssignment(record, 1));
    }

    [Fact]
    public void Store_SavesAndReadsBack_AndListsOnlyActiveLeases()
    {
        using var directory = new Support.TemporaryDirectory();
        using (var store = new LeaseStore(directory.Combine("leases.db")))
        {
            store.Save(new LeaseRecord { Id = "1", OrderId = "1", Epoch = 1, Status = LeaseStatus.Running, CommittedStep = 3, CommittedCid = "bafk" });
            store.Save(new LeaseRecord { Id = "2", OrderId = "1", Epoch = 1, Status = LeaseStatus.Completed });
        }

        using var reopened = new LeaseStore(directory.Combine("leases.db"));
        var active = Assert.Single(reopened.Active());
        Assert.Equal(("1", LeaseStatus.Running, 3L, "bafk"), (active.Id, active.Status, active.CommittedStep!.Value, active.CommittedCid));
        Assert.Equal(2, reopened.All().Count);
    }
}
