using DePinGpu.ProviderNode.Drain;

namespace DePinGpu.ProviderNode.Tests.Drain;

public sealed class DrainCoordinatorTests
{
    [Fact]
    public void Request_Twice_IsOneDrain_AndBiddingStopsFromTheFirst()
    {
        var drain = new DrainCoordinator();
        Assert.False(drain.IsDraining);
        Assert.Equal(DrainState.Idle, drain.Report().State);

        Assert.True(drain.Request());
        Assert.False(drain.Request());

        Assert.True(drain.IsDraining);
        Assert.Equal(DrainState.Draining, drain.Report().State);
    }

    [Fact]
    public void Update_KeepsOneEntryPerLease_InTheOrderTheyStarted()
    {
        var drain = new DrainCoordinator();
        drain.Request();
        drain.Update(new DrainLeaseProgress("7", 1, "Stateful", DrainStage.Pending));
        drain.Update(new DrainLeaseProgress("3", 2, "Stateless", DrainStage.Pending));
        drain.Update(new DrainLeaseProgress("7", 1, "Stateful", DrainStage.CheckpointCommitted, 4, "bafy"));

        var leases = drain.Report().Leases;

        Assert.Equal(["7", "3"], leases.Select(lease => lease.LeaseId));
        Assert.Equal(DrainStage.CheckpointCommitted, leases[0].Stage);
        Assert.Equal(4, leases[0].CheckpointStep);
    }

    [Fact]
    public void FinalReportRead_CompletesOnlyWhenAFinishedReportIsRead()
    {
        var drain = new DrainCoordinator();
        drain.Request();
        drain.Report();
        Assert.False(drain.FinalReportRead.IsCompleted);

        drain.Finish();
        Assert.False(drain.FinalReportRead.IsCompleted);
        Assert.Equal(DrainState.Finished, drain.Report().State);

        Assert.True(drain.FinalReportRead.IsCompleted);
    }

    [Theory]
    [InlineData(0, 10, false)]
    [InlineData(1, 10, true)]
    [InlineData(3601, 10, false)]
    [InlineData(60, -1, false)]
    [InlineData(60, 0, true)]
    [InlineData(60, 301, false)]
    public void Options_BoundTheWaits(int checkpointWaitSeconds, int reportWaitSeconds, bool valid)
    {
        var options = new DrainOptions { CheckpointWait = TimeSpan.FromSeconds(checkpointWaitSeconds), ReportWait = TimeSpan.FromSeconds(reportWaitSeconds) };

        Assert.Equal(valid, options.Validate().Count == 0);
    }
}
