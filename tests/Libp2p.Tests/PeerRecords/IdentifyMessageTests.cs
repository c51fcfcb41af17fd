using CsCheck;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;

namespace DePinGpu.Libp2p.Tests.PeerRecords;

public sealed class IdentifyMessageTests
{
    [Fact]
    public void Encode_ThenDecode_KeepsEveryField()
    {
        var key = Ed25519PrivateKey.Generate().PublicKey.ToProtobuf();
        var message = new IdentifyMessage
        {
            ProtocolVersion = "ipfs/0.1.0",
            AgentVersion = "depingpu-libp2p/0.1.0",
            PublicKey = key,
            ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.Parse("/ip6/::1/tcp/4002")],
            ObservedAddress = Multiaddr.Parse("/ip4/10.0.0.2/tcp/55555"),
            Protocols = ["/ipfs/id/1.0.0", "/meshsub/1.1.0"],
            SignedPeerRecord = [1, 2, 3],
        };

        var decoded = IdentifyMessage.Decode(message.Encode());

        Assert.Equal(message.ProtocolVersion, decoded.ProtocolVersion);
        Assert.Equal(message.AgentVersion, decoded.AgentVersion);
        Assert.Equal(key, decoded.PublicKey);
        Assert.Equal(message.ListenAddresses, decoded.ListenAddresses);
        Assert.Equal(message.ObservedAddress, decoded.ObservedAddress);
        Assert.Equal(message.Protocols, decoded.Protocols);
        Assert.Equal(message.SignedPeerRecord, decoded.SignedPeerRecord);
    }

    [Fact]
    public void Decode_UnknownTransportAddress_IsSkippedNotFatal()
    {
        // Field 2 holding /ip4/1.2.3.4/udp/1/quic-v1/webtransport (code 465, unknown here), then a known address.
        var unknown = Convert.FromHexString("04010203049102" + "0001" + "cd03" + "d103");
        var known = Multiaddr.Parse("/ip4/1.2.3.4/tcp/1").ToByteArray();
        var writer = new DePinGpu.Libp2p.Protobuf.ProtobufWriter().WriteBytes(2, unknown).WriteBytes(2, known);

        var decoded = IdentifyMessage.Decode(writer.ToArray());

        Assert.Equal([Multiaddr.FromBytes(known)], decoded.ListenAddresses);
    }

    [Fact]
    public void Decode_OversizedMessage_IsRejected()
    {
        Assert.Throws<FormatException>(() => IdentifyMessage.Decode(new byte[IdentifyMessage.MaxLength + 1]));
    }

    [Fact]
    public void Decode_RandomBytes_OnlyEverThrowsFormatException()
    {
        Gen.Byte.Array[0, 300].Sample(
            bytes =>
            {
                try
                {
                    IdentifyMessage.Decode(bytes);
                }
                catch (FormatException)
                {
                    // Expected for most random input.
                }
            },
            iter: 5000);
    }
}
