using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Tests.PubSub;

namespace DePinGpu.Libp2p.Tests.PeerRecords;

public sealed class SignedPeerRecordTests
{
    [Fact]
    public void Create_ThenParse_RoundTrips()
    {
        var key = TestKeys.FromIndex(4);
        var addresses = new[] { Multiaddr.Parse("/ip4/10.0.0.1/tcp/4001"), Multiaddr.Parse("/ip4/127.0.0.1/tcp/4002") };

        Assert.True(SignedPeerRecord.TryParse(SignedPeerRecord.Create(key, 7, addresses), out var record, out var error), error);
        Assert.Equal(key.PeerId, record!.PeerId);
        Assert.Equal(7UL, record.Sequence);
        Assert.Equal(addresses, record.Addresses);
    }

    [Fact]
    public void TamperedEnvelope_IsRejected()
    {
        var envelope = SignedPeerRecord.Create(TestKeys.FromIndex(4), 7, [Multiaddr.Parse("/ip4/10.0.0.1/tcp/4001")]);
        for (var index = 0; index < envelope.Length; index += 7)
        {
            var copy = (byte[])envelope.Clone();
            copy[index] ^= 0x01;
            Assert.False(SignedPeerRecord.TryParse(copy, out _, out _) && !copy.AsSpan().SequenceEqual(envelope));
        }
    }
}
