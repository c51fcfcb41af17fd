using System.Net;
using CsCheck;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Tests.Vectors;

namespace DePinGpu.Libp2p.Tests.Addressing;

public sealed class MultiaddrTests
{
    [Fact]
    public void Parse_VectorText_GivesVectorBytesAndBack()
    {
        var multiaddr = Multiaddr.Parse(Libp2pVectors.Text("multiaddr", "text"));

        Assert.Equal(Libp2pVectors.Text("multiaddr", "bytesHex"), Convert.ToHexStringLower(multiaddr.Bytes));
        Assert.Equal(Libp2pVectors.Text("multiaddr", "text"), Multiaddr.FromBytes(multiaddr.Bytes).ToString());
        Assert.Equal(Libp2pVectors.Text("seed_ed25519", "peerId"), multiaddr.PeerId!.ToString());
    }

    [Theory]
    [InlineData("/ip4/1.2.3.4/tcp/80", "0401020304060050")]
    [InlineData("/ip6/::1/tcp/4001", "2900000000000000000000000000000001060fa1")]
    [InlineData("/dns4/example.com/tcp/443", "360b6578616d706c652e636f6d0601bb")]
    [InlineData("/dns6/example.com/tcp/1", "370b6578616d706c652e636f6d060001")]
    [InlineData("/ip4/127.0.0.1/udp/4001/quic-v1", "047f00000191020fa1cd03")]
    public void Parse_KnownAddresses_EncodeToExpectedBytes(string text, string hex)
    {
        var multiaddr = Multiaddr.Parse(text);
        Assert.Equal(hex, Convert.ToHexStringLower(multiaddr.Bytes));
        Assert.Equal(text, Multiaddr.FromBytes(Convert.FromHexString(hex)).ToString());
    }

    [Fact]
    public void Parse_LegacyIpfsName_IsReadAsP2p()
    {
        var peerId = Libp2pVectors.Text("seed_ed25519", "peerId");
        var multiaddr = Multiaddr.Parse($"/ip4/10.0.0.1/tcp/1/ipfs/{peerId}");
        Assert.Equal($"/ip4/10.0.0.1/tcp/1/p2p/{peerId}", multiaddr.ToString());
    }

    [Theory]
    [InlineData("", "must start with '/'")]
    [InlineData("ip4/1.2.3.4", "must start with '/'")]
    [InlineData("/ip4/1.2.3", "not an IPv4 address")]
    [InlineData("/ip4/256.1.1.1", "not an IPv4 address")]
    [InlineData("/ip4/1", "not an IPv4 address")]
    [InlineData("/ip6/1.2.3.4", "not an IPv6 address")]
    [InlineData("/ip4/1.2.3.4/tcp/65536", "not a port number")]
    [InlineData("/ip4/1.2.3.4/tcp/-1", "not a port number")]
    [InlineData("/ip4/1.2.3.4/tcp", "needs a value")]
    [InlineData("/ip4/1.2.3.4/foo/1", "unknown protocol 'foo'")]
    [InlineData("/ip4/1.2.3.4//tcp/1", "unknown protocol ''")]
    [InlineData("/p2p/notapeerid", "not a valid peer id")]
    public void Parse_BadText_ThrowsWithClearReason(string text, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => Multiaddr.Parse(text));
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.False(Multiaddr.TryParse(text, out _));
    }

    [Theory]
    [InlineData("04010203")]
    [InlineData("0601")]
    [InlineData("ff7f")]
    [InlineData("a50326")]
    [InlineData("a503020000")]
    [InlineData("3600")]
    public void FromBytes_BadBinary_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => Multiaddr.FromBytes(Convert.FromHexString(hex)));
    }

    [Fact]
    public void WithPeerId_AndWithoutPeerId_AddAndStripTrailingP2p()
    {
        var peerId = Ed25519PrivateKey.Generate().PeerId;
        var base_ = Multiaddr.Parse("/ip4/127.0.0.1/tcp/1234");
        var full = base_.WithPeerId(peerId);

        Assert.Equal(peerId, full.PeerId);
        Assert.Equal(base_, full.WithoutPeerId());
        Assert.Equal(full, full.WithoutPeerId().WithPeerId(peerId));
        Assert.True(full.TryGetTcpTarget(out var host, out var port));
        Assert.Equal(IPAddress.Loopback, host.ToIPAddress());
        Assert.Equal(1234, port);
    }

    [Fact]
    public void FromTcpEndPoint_MapsIpv4MappedIpv6ToIp4()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 9);
        Assert.Equal("/ip4/10.1.2.3/tcp/9", Multiaddr.FromTcpEndPoint(endPoint).ToString());
    }

    [Fact]
    public void RoundTrip_RandomAddresses_TextAndBinaryAgree()
    {
        var ip4 = Gen.Byte.Array[4].Select(bytes => $"/ip4/{new IPAddress(bytes)}");
        var ip6 = Gen.Byte.Array[16].Select(bytes => $"/ip6/{new IPAddress(bytes)}");
        var dns = Gen.Char['a', 'z'].Array[1, 30].Select(chars => $"/dns4/{new string(chars)}.example");
        var host = Gen.OneOf(ip4, ip6, dns);
        var port = Gen.Int[0, 65535].Select(value => $"/tcp/{value}");
        var suffix = Gen.Bool.Select(withPeer => withPeer ? $"/p2p/{Ed25519PrivateKey.Generate().PeerId}" : string.Empty);
        Gen.Select(host, port, suffix).Sample(
            parts =>
            {
                var text = parts.Item1 + parts.Item2 + parts.Item3;
                var multiaddr = Multiaddr.Parse(text);
                Assert.Equal(text, multiaddr.ToString());
                Assert.Equal(multiaddr, Multiaddr.FromBytes(multiaddr.Bytes));
                Assert.Equal(multiaddr, Multiaddr.Parse(multiaddr.ToString()));
            },
            iter: 300);
    }

    [Fact]
    public void FromBytes_RandomBytes_NeverThrowsAnythingButFormatException()
    {
        Gen.Byte.Array[0, 64].Sample(
            bytes =>
            {
                try
                {
                    var multiaddr = Multiaddr.FromBytes(bytes);
                    Assert.Equal(multiaddr, Multiaddr.FromBytes(multiaddr.Bytes));
                }
                catch (FormatException)
                {
                    // Expected for most random inputs.
                }
            },
            iter: 5000);
    }
}
