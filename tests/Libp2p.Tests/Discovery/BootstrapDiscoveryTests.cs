using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Tests.PubSub;

namespace DePinGpu.Libp2p.Tests.Discovery;

public sealed class BootstrapDiscoveryTests
{
    [Fact]
    public void Schedule_BacksOffExponentially_AndResetsOnSuccess()
    {
        var time = new ManualTimeProvider();
        var schedule = new BootstrapSchedule(new BootstrapOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10), Jitter = 0 }, time, new Random(1));
        var peer = TestKeys.FromIndex(1).PeerId;
        schedule.Add(peer);

        Assert.Equal([peer], schedule.Due(_ => false));
        Assert.Empty(schedule.Due(_ => true));
        var waits = Enumerable.Range(0, 5).Select(_ => schedule.RecordFailure(peer).TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 10], waits);
        Assert.Empty(schedule.Due(_ => false));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([peer], schedule.Due(_ => false));
        schedule.RecordSuccess(peer);
        Assert.Equal(0, schedule.Failures(peer));
    }

    [Fact]
    public async Task Discovery_RetriesUnreachablePeer_AndReconnectsAfterDisconnect()
    {
        var dialer = new FakeDialer(TestKeys.FromIndex(0).PeerId);
        var peer = TestKeys.FromIndex(1).PeerId;
        var address = Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{peer}");
        var options = new BootstrapOptions { CheckInterval = TimeSpan.FromMilliseconds(20), InitialBackoff = TimeSpan.FromMilliseconds(50), Jitter = 0 };
        await using var discovery = new BootstrapDiscovery([address], dialer, options);
        var connected = 0;
        discovery.PeerConnected += _ => Interlocked.Increment(ref connected);

        discovery.Start();
        await WaitUntilAsync(() => dialer.Dials.Count >= 3);
        Assert.True(discovery.FailureCount(peer) >= 2);
        dialer.Reachable[peer] = true;
        await WaitUntilAsync(() => dialer.IsConnected(peer));
        Assert.Equal(0, discovery.FailureCount(peer));

        dialer.Connected.TryRemove(peer, out _);
        await WaitUntilAsync(() => dialer.IsConnected(peer));
        Assert.Equal(2, Volatile.Read(ref connected));
    }

    [Fact]
    public async Task AddressWithoutPeerId_IsRejected_AndOwnAddressSkipped()
    {
        var local = TestKeys.FromIndex(0).PeerId;
        var dialer = new FakeDialer(local);

        Assert.Throws<ArgumentException>(() => new BootstrapDiscovery([Multiaddr.Parse("/ip4/127.0.0.1/tcp/1")], dialer));
        await using var discovery = new BootstrapDiscovery([Multiaddr.Parse($"/ip4/127.0.0.1/tcp/1/p2p/{local}")], dialer);
        Assert.Empty(discovery.Peers);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
