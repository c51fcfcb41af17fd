using DePinGpu.ProviderNode.Connectivity;

namespace DePinGpu.ProviderNode.Tests.Connectivity;

public sealed class ChainConnectivityTests
{
    private static readonly DateTimeOffset Mined = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    [Fact]
    public void BeforeTheFirstProbe_NothingMayBeCommitted()
    {
        var connectivity = new ChainConnectivity();

        Assert.False(connectivity.IsReachable);
        Assert.False(connectivity.MayCommit);
        Assert.False(connectivity.IsHeartbeatOverdue(Mined.AddHours(1)));
    }

    [Fact]
    public void Reached_ThenReconciled_AllowsCommits()
    {
        var connectivity = new ChainConnectivity();

        Assert.True(connectivity.Reached(Mined, Timeout));
        Assert.False(connectivity.MayCommit);
        connectivity.Reconciled();

        Assert.True(connectivity.MayCommit);
        Assert.False(connectivity.Reached(Mined, Timeout));
    }

    [Fact]
    public void Lost_HoldsCommits_UntilReachedAndReconciledAgain()
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(Mined, Timeout);
        connectivity.Reconciled();

        Assert.True(connectivity.Lost(Mined.AddSeconds(1)));
        Assert.False(connectivity.Lost(Mined.AddSeconds(2)));
        Assert.Equal(Mined.AddSeconds(1), connectivity.LostSince);
        Assert.False(connectivity.MayCommit);
        connectivity.Reconciled();
        Assert.False(connectivity.MayCommit);

        Assert.True(connectivity.Reached(Mined, Timeout));
        Assert.Null(connectivity.LostSince);
        Assert.False(connectivity.MayCommit);
        connectivity.Reconciled();
        Assert.True(connectivity.MayCommit);
    }

    [Fact]
    public void HeartbeatOverdue_OnlyOnceAWholeTimeoutPassedSinceTheLastMinedHeartbeat()
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(Mined, Timeout);

        Assert.False(connectivity.IsHeartbeatOverdue(Mined + Timeout - TimeSpan.FromMilliseconds(1)));
        Assert.True(connectivity.IsHeartbeatOverdue(Mined + Timeout));
    }

    [Fact]
    public void LastMinedHeartbeat_NeverGoesBack()
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(Mined, Timeout);

        connectivity.Reached(Mined.AddSeconds(-10), Timeout);

        Assert.Equal(Mined, connectivity.LastMinedHeartbeat);
    }

    [Fact]
    public void Status_SaysReachableOrLost_SinceTheChange_AndTheEndpointThatAnsweredLast()
    {
        var connectivity = new ChainConnectivity();
        var first = new Uri("http://127.0.0.1:8545/");
        var second = new Uri("http://127.0.0.2:8545/");
        Assert.Equal(new ChainConnectivityStatus("unknown", null, null, false, null), connectivity.Status());

        connectivity.Reached(Mined, Timeout, first, Mined.AddSeconds(1));
        connectivity.Reconciled();
        connectivity.Reached(Mined, Timeout, first, Mined.AddSeconds(3));
        Assert.Equal(new ChainConnectivityStatus("reachable", Mined.AddSeconds(1), first.ToString(), true, Mined), connectivity.Status());

        connectivity.Lost(Mined.AddSeconds(5));
        connectivity.Lost(Mined.AddSeconds(7));
        Assert.Equal(new ChainConnectivityStatus("lost", Mined.AddSeconds(5), first.ToString(), false, Mined), connectivity.Status());

        connectivity.Reached(Mined.AddSeconds(8), Timeout, second, Mined.AddSeconds(9));
        Assert.Equal(new ChainConnectivityStatus("reachable", Mined.AddSeconds(9), second.ToString(), false, Mined.AddSeconds(8)), connectivity.Status());
    }

    [Fact]
    public void MinedWhenRegained_IsTheHeartbeatTheReconnectingProbeRead_NotOnesMinedAfter()
    {
        var connectivity = new ChainConnectivity();
        connectivity.Reached(Mined, Timeout);
        connectivity.Lost(Mined.AddSeconds(2));

        // Mined just before the cut, first seen by the probe that finds the chain again.
        connectivity.Reached(Mined.AddSeconds(1), Timeout);
        connectivity.Reached(Mined.AddSeconds(9), Timeout);

        Assert.Equal(Mined.AddSeconds(1), connectivity.MinedWhenRegained);
        Assert.Equal(Mined.AddSeconds(9), connectivity.LastMinedHeartbeat);
    }

    [Fact]
    public async Task NextProbe_CompletesWhenAProbeEnds()
    {
        var connectivity = new ChainConnectivity();
        var waiting = connectivity.NextProbeAsync(CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        connectivity.ProbeEnded();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(connectivity.NextProbeAsync(CancellationToken.None).IsCompleted);
    }

    [Theory]
    [InlineData("00:00:00.050", "00:00:01", "00:00:30", "ProbeInterval")]
    [InlineData("00:00:02", "00:00:00.001", "00:00:30", "RetryDelay")]
    [InlineData("00:00:02", "00:00:05", "00:00:01", "MaxRetryDelay")]
    public void Options_OutOfBounds_NameTheKey(string probe, string retry, string maxRetry, string key)
    {
        var options = new ConnectivityOptions { ProbeInterval = TimeSpan.Parse(probe, System.Globalization.CultureInfo.InvariantCulture), RetryDelay = TimeSpan.Parse(retry, System.Globalization.CultureInfo.InvariantCulture), MaxRetryDelay = TimeSpan.Parse(maxRetry, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(options.Validate(), problem => problem.StartsWith(key + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Defaults_AreValid() => Assert.Empty(new ConnectivityOptions().Validate());
}
