using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Tests.PubSub;

namespace DePinGpu.Libp2p.Tests.Discovery;

public sealed class DiscoveredPeerConnectorTests
{
    [Fact]
    public async Task Offer_DialsOnce_AndSkipsSelfConnectedAndAddressless()
    {
        var local = TestKeys.FromIndex(0).PeerId;
        var dialer = new FakeDialer(local);
        var peer = TestKeys.FromIndex(1).PeerId;
        dialer.Reachable[peer] = true;
        await using var connector = new DiscoveredPeerConnector(dialer);
        var addresses = new[] { Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001") };

        Assert.False(connector.Offer(new DiscoveredPeer(local, addresses, DiscoverySource.Mdns)));
        Assert.False(connector.Offer(new DiscoveredPeer(TestKeys.FromIndex(2).PeerId, [], DiscoverySource.PeerExchange)));
        Assert.True(connector.Offer(new DiscoveredPeer(peer, addresses, DiscoverySource.PeerExchange)));
        Assert.False(connector.Offer(new DiscoveredPeer(peer, addresses, DiscoverySource.PeerExchange)));
        await BootstrapDiscoveryTests.WaitUntilAsync(() => dialer.IsConnected(peer));

        Assert.Single(dialer.Dials);
    }
}
