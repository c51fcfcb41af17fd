using DePinGpu.ProviderNode.Connectivity;

namespace DePinGpu.ProviderNode.Tests.Connectivity;

public sealed class ProbeScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ProductionTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan DevnetTimeout = TimeSpan.FromSeconds(6);
    private static readonly ConnectivityOptions Defaults = new();

    private static ChainConnectivity Settled(DateTimeOffset lastMined, TimeSpan timeout)
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(lastMined, timeout, null, lastMined);
        connectivity.Reconciled();
        return connectivity;
    }

    [Fact]
    public void AllWell_ProbesEverySixthOfTheHeartbeatTimeout()
    {
        var connectivity = Settled(Now.AddSeconds(-10), ProductionTimeout);

        Assert.Equal(TimeSpan.FromSeconds(30), ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void ShortTimeout_NeverProbesMoreOftenThanTheRecoveryInterval()
    {
        var connectivity = Settled(Now.AddSeconds(-1), DevnetTimeout);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void LongTimeout_ProbesAtLeastEveryFiveMinutes() =>
        Assert.Equal(ConnectivityOptions.MaxProbeInterval, ProbeSchedule.Settled(TimeSpan.FromHours(2), Defaults.RecoveryProbeInterval));

    [Fact]
    public void HeartbeatAboutToBeOverdue_ProbesWhenItTurnsOverdue()
    {
        var connectivity = Settled(Now.AddSeconds(-170), ProductionTimeout);

        Assert.Equal(TimeSpan.FromSeconds(10), ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void HeartbeatOverdue_ProbesAtTheRecoveryInterval()
    {
        var connectivity = Settled(Now.AddSeconds(-181), ProductionTimeout);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void ChainLost_ProbesAtTheRecoveryInterval()
    {
        var connectivity = Settled(Now.AddSeconds(-10), ProductionTimeout);
        connectivity.Lost(Now);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void LeasesNotReadBack_ProbesAtTheRecoveryInterval()
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(Now.AddSeconds(-10), ProductionTimeout, null, Now);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void StoppedWorkloadWaitingToResume_ProbesAtTheRecoveryInterval()
    {
        var connectivity = Settled(Now.AddSeconds(-10), ProductionTimeout);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: true, Now));
    }

    [Fact]
    public void NotRegisteredYet_ProbesAtTheRecoveryInterval()
    {
        var connectivity = Settled(default, TimeSpan.MaxValue);

        Assert.Equal(Defaults.RecoveryProbeInterval, ProbeSchedule.Delay(Defaults, connectivity, workloadsStopped: false, Now));
    }

    [Fact]
    public void ConfiguredInterval_IsUsedWhateverTheState()
    {
        var options = new ConnectivityOptions { ProbeInterval = TimeSpan.FromMilliseconds(500) };
        var connectivity = Settled(Now.AddSeconds(-10), ProductionTimeout);
        connectivity.Lost(Now);

        Assert.Equal(TimeSpan.FromMilliseconds(500), ProbeSchedule.Delay(options, connectivity, workloadsStopped: true, Now));
        Assert.Equal(TimeSpan.FromMilliseconds(500), ProbeSchedule.Delay(options, Settled(Now, ProductionTimeout), workloadsStopped: false, Now));
    }

    [Theory]
    [InlineData("00:00:00.050")]
    [InlineData("00:06:00")]
    public void Options_RecoveryIntervalOutOfBounds_NameTheKey(string interval)
    {
        var options = new ConnectivityOptions { RecoveryProbeInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(options.Validate(), problem => problem.StartsWith("RecoveryProbeInterval ", StringComparison.Ordinal));
    }
}
