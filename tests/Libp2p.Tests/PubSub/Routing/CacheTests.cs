using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub.Routing;

public sealed class CacheTests
{
    [Fact]
    public void MessageCache_GossipsLastThreeWindows_AndForgetsAfterFive()
    {
        var cache = new MessageCache(historyLength: 5, gossipWindows: 3);
        var ids = Enumerable.Range(0, 6).Select(index => new MessageId([(byte)index])).ToList();
        foreach (var id in ids)
        {
            cache.Put(id, new RpcMessage { Topic = "t", Data = id.Bytes.ToArray() });
            cache.Shift();
        }

        // Windows, newest first: {}, {5}, {4}, {3}, {2}; the first three are gossiped.
        Assert.Equal([ids[5], ids[4]], cache.GossipIds("t"));
        Assert.Empty(cache.GossipIds("other"));
        Assert.False(cache.TryGet(ids[0], out _));
        Assert.True(cache.TryGet(ids[2], out _));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void MessageCache_CountsIWantRequestsPerPeer()
    {
        var cache = new MessageCache(5, 3);
        var id = new MessageId([1]);
        var peer = TestKeys.FromIndex(1).PeerId;
        cache.Put(id, new RpcMessage { Topic = "t" });

        cache.TryGetForPeer(id, peer, out _, out var first);
        cache.TryGetForPeer(id, peer, out _, out var second);
        cache.TryGetForPeer(id, TestKeys.FromIndex(2).PeerId, out _, out var other);

        Assert.Equal((1, 2, 1), (first, second, other));
    }

    [Fact]
    public void SeenCache_ExpiresAfterItsTimeToLive()
    {
        var time = new ManualTimeProvider();
        var seen = new SeenCache(time, TimeSpan.FromMinutes(2));
        var id = new MessageId([1]);

        Assert.True(seen.TryAdd(id));
        Assert.False(seen.TryAdd(id));
        time.Advance(TimeSpan.FromSeconds(119));
        seen.Prune();
        Assert.True(seen.Contains(id));
        time.Advance(TimeSpan.FromSeconds(2));
        seen.Prune();
        Assert.False(seen.Contains(id));
    }

    [Fact]
    public void GossipPromises_BrokenAfterFollowUp_KeptWhenDelivered()
    {
        var time = new ManualTimeProvider();
        var promises = new GossipPromises(time, TimeSpan.FromSeconds(3), new Random(1));
        var liar = TestKeys.FromIndex(1).PeerId;
        var honest = TestKeys.FromIndex(2).PeerId;
        promises.Add(liar, [new MessageId([1])]);
        promises.Add(honest, [new MessageId([2])]);

        promises.Fulfil(new MessageId([2]));
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(new Dictionary<DePinGpu.Libp2p.Identity.PeerId, int> { [liar] = 1 }, promises.CollectBroken());
    }
}
