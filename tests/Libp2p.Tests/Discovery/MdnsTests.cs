using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Tests.PubSub;

namespace DePinGpu.Libp2p.Tests.Discovery;

public sealed class MdnsTests
{
    [Fact]
    public void Query_IsRecognised()
    {
        var packet = MdnsMessage.Decode(MdnsMessage.EncodeQuery());

        Assert.True(packet.AsksForService);
        Assert.False(packet.IsResponse);
    }

    [Fact]
    public void Response_CarriesDnsAddrStrings()
    {
        var addresses = new[] { "/ip4/192.168.1.2/tcp/4001/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp" };

        var packet = MdnsMessage.Decode(MdnsMessage.EncodeResponse("abc", addresses, 120));

        Assert.True(packet.IsResponse);
        Assert.Equal(addresses, packet.Addresses);
    }

    [Fact]
    public void CompressedNames_AreFollowed_AndLoopsRejected()
    {
        // Header (1 answer), then a TXT record whose name is a pointer to offset 12 where "a.local" would be: here the
        // pointer targets itself, so decoding must fail rather than loop.
        byte[] looping = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 0, 0, 0];
        Assert.Throws<FormatException>(() => MdnsMessage.Decode(looping));

        var response = MdnsMessage.EncodeResponse("abc", ["/ip4/1.2.3.4/tcp/1/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"], 120).ToList();
        Assert.Single(MdnsMessage.Decode([.. response]).Addresses);
    }

    [Fact]
    public void TruncatedPackets_AreRejected()
    {
        var response = MdnsMessage.EncodeResponse("abc", ["/ip4/1.2.3.4/tcp/1"], 120);
        for (var length = 0; length < response.Length; length++)
        {
            Assert.Throws<FormatException>(() => MdnsMessage.Decode(response.AsSpan(0, length)));
        }
    }

    [SkippableFact]
    public async Task TwoNodes_OnTheSameHost_DiscoverEachOther()
    {
        Skip.If(MulticastProbe.WhyUnavailable is not null, $"mDNS needs multicast: {MulticastProbe.WhyUnavailable}");
        var port = DePinGpu.TestSupport.FreePort.Next();
        var options = new MdnsOptions { Enabled = true, Port = port, QueryInterval = TimeSpan.FromMilliseconds(200) };
        var a = TestKeys.FromIndex(1).PeerId;
        var b = TestKeys.FromIndex(2).PeerId;
        await using var first = new MdnsDiscovery(a, () => [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001")], options);
        await using var second = new MdnsDiscovery(b, () => [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4002")], options);
        var found = new TaskCompletionSource<DiscoveredPeer>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.PeerDiscovered += peer => found.TrySetResult(peer);

        first.Start();
        second.Start();
        var discovered = await found.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(b, discovered.PeerId);
        Assert.Equal([Multiaddr.Parse("/ip4/127.0.0.1/tcp/4002")], discovered.Addresses);
    }
}
