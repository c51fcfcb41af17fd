using DePinGpu.ProviderNode.Standby;

namespace DePinGpu.ProviderNode.Tests.Standby;

public sealed class SilenceWatchTests
{
    private const string Active = "0x00000000000000000000000000000000000000a1";
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(3);

    [Fact]
    public void ActiveProvider_HeardWithinTheThreshold_IsNotSilent()
    {
        var watch = new SilenceWatch();
        watch.Active(3, Active, Start);

        Assert.Empty(watch.Silent(Start + Threshold, Threshold));
    }

    [Fact]
    public void ActiveProvider_NotHeardForLongerThanTheThreshold_IsSilent_WithWhenItWasLastHeard()
    {
        var watch = new SilenceWatch();
        watch.Active(3, Active.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), Start);
        watch.Heard(Active, Start + TimeSpan.FromSeconds(2));

        var silent = Assert.Single(watch.Silent(Start + TimeSpan.FromSeconds(5.5), Threshold));

        Assert.Equal(new SilentProvider(3, Active, Start + TimeSpan.FromSeconds(2)), silent);
    }

    [Fact]
    public void GossipHeartbeats_KeepTheActiveProviderLive_AndAnOlderOneDoesNotMoveItsLastSignBack()
    {
        var watch = new SilenceWatch();
        watch.Active(3, Active, Start);
        watch.Heard(Active, Start + TimeSpan.FromSeconds(10));
        watch.Heard(Active, Start + TimeSpan.FromSeconds(1));

        Assert.Empty(watch.Silent(Start + TimeSpan.FromSeconds(12), Threshold));
    }

    [Fact]
    public void HeartbeatsOfOtherProviders_DoNotCountForTheActiveOne()
    {
        var watch = new SilenceWatch();
        watch.Active(3, Active, Start);
        watch.Heard("0x00000000000000000000000000000000000000b2", Start + TimeSpan.FromSeconds(9));

        Assert.Single(watch.Silent(Start + TimeSpan.FromSeconds(10), Threshold));
    }

    [Fact]
    public void ForgottenLease_IsNoLongerWatched()
    {
        var watch = new SilenceWatch();
        watch.Active(3, Active, Start);
        watch.Active(4, Active, Start);
        watch.Forget(3);

        Assert.Equal([4], watch.Silent(Start + TimeSpan.FromMinutes(1), Threshold).Select(silent => (int)silent.LeaseId));
    }
}
