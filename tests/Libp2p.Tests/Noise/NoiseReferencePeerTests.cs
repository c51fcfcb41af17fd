using System.Text;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// Our handshake and transport against <see cref="ReferenceNoisePeer"/>, an independent implementation of Noise XX and
/// the libp2p payload: what our peer sends must be what the specifications say, not only what our other side expects.
/// </summary>
public sealed class NoiseReferencePeerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Responder_WithAnIndependentInitiator_ProvesItsIdentityAndCarriesMessagesBothWays()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var ourKey = Ed25519PrivateKey.Generate();
        var theirKey = Secp256k1PrivateKey.Generate();
        // A certificate hash (extensions field 1, WebTransport) before the muxers: our side must skip it.
        var reference = new ReferenceNoisePeer(left, theirKey)
        {
            Extensions = [.. ReferenceNoisePeer.Field(1, [0x12, 0x20, 7]), .. ReferenceNoisePeer.Field(2, "/yamux/1.0.0"u8.ToArray()), .. ReferenceNoisePeer.Field(2, "/mplex/6.7.0"u8.ToArray())],
        };

        var responding = NoiseSecurity.SecureInboundAsync(right, ourKey, ["/yamux/1.0.0"], CancellationToken.None);
        await reference.InitiateAsync().WaitAsync(Timeout);
        using var ours = await responding.WaitAsync(Timeout);

        Assert.Equal(theirKey.PeerId, ours.RemotePeerId);
        Assert.Equal(["/yamux/1.0.0", "/mplex/6.7.0"], ours.RemoteStreamMuxers);
        AssertPayloadProves(reference, ourKey, ["/yamux/1.0.0"]);
        await AssertTransportBothWaysAsync(reference, ours);
    }

    [Fact]
    public async Task Initiator_WithAnIndependentResponder_SendsAnEmptyFirstPayloadAndProvesItsIdentity()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var ourKey = Secp256k1PrivateKey.Generate();
        var theirKey = Ed25519PrivateKey.Generate();
        var reference = new ReferenceNoisePeer(right, theirKey);

        var responding = reference.RespondAsync();
        using var ours = await NoiseSecurity.SecureOutboundAsync(left, ourKey, theirKey.PeerId, ["/yamux/1.0.0"], CancellationToken.None).WaitAsync(Timeout);
        await responding.WaitAsync(Timeout);

        Assert.Equal(32, reference.ReceivedMessages[0].Length); // the ephemeral key alone: libp2p sends no early data
        Assert.Equal(theirKey.PeerId, ours.RemotePeerId);
        Assert.Empty(ours.RemoteStreamMuxers);
        AssertPayloadProves(reference, ourKey, ["/yamux/1.0.0"]);
        await AssertTransportBothWaysAsync(reference, ours);
    }

    [Fact]
    public async Task Initiator_NullMuxerList_IsSentAsNoMuxersWithoutExtensions()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var reference = new ReferenceNoisePeer(right, Ed25519PrivateKey.Generate());

        var responding = reference.RespondAsync();
        using var ours = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, null!, CancellationToken.None).WaitAsync(Timeout);
        await responding.WaitAsync(Timeout);

        Assert.Equal([1, 2], reference.RemotePayload.Keys.Order());
    }

    [Fact]
    public async Task RemoteClosingAfterAnEmptyMessage_IsACleanEndOfStream()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var reference = new ReferenceNoisePeer(left, Ed25519PrivateKey.Generate());
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        await reference.InitiateAsync().WaitAsync(Timeout);
        using var ours = await responding.WaitAsync(Timeout);

        await reference.SendAsync([]).WaitAsync(Timeout);
        left.Dispose();

        Assert.Equal(0, await ours.ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout));
    }

    /// <summary>The remote payload names our key, signs our Noise static key with the libp2p prefix, and lists our muxers.</summary>
    private static void AssertPayloadProves(ReferenceNoisePeer reference, PrivateKey ourKey, string[] muxers)
    {
        var payload = reference.RemotePayload;
        Assert.Equal(ourKey.PublicKey.ToProtobuf(), Assert.Single(payload[1]));
        var signed = ReferenceNoisePeer.SignaturePrefix.Concat(reference.RemoteStatic).ToArray();
        Assert.True(ourKey.PublicKey.Verify(signed, Assert.Single(payload[2])), "the payload does not sign our static key with the libp2p prefix");
        if (muxers.Length == 0)
        {
            Assert.False(payload.ContainsKey(4), "an empty muxer list must not send an extensions field");
            return;
        }

        var extensions = ReferenceNoisePeer.ParseFields(Assert.Single(payload[4]));
        Assert.Equal(muxers, extensions[2].Select(value => Encoding.UTF8.GetString(value)));
    }

    private static async Task AssertTransportBothWaysAsync(ReferenceNoisePeer reference, NoiseSecureStream ours)
    {
        // Two messages each way: the second proves both nonces count up from zero. Between them an empty message (a tag
        // alone), which Noise allows: it uses a nonce and delivers nothing.
        await reference.SendAsync("first from the reference"u8.ToArray()).WaitAsync(Timeout);
        await reference.SendAsync([]).WaitAsync(Timeout);
        await reference.SendAsync("second from the reference"u8.ToArray()).WaitAsync(Timeout);
        var received = new byte["first from the reference".Length + "second from the reference".Length];
        await ours.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        Assert.Equal("first from the referencesecond from the reference", Encoding.ASCII.GetString(received));

        await ours.WriteAsync("first from ours"u8.ToArray()).AsTask().WaitAsync(Timeout);
        await ours.WriteAsync("second from ours"u8.ToArray()).AsTask().WaitAsync(Timeout);
        Assert.Equal("first from ours", Encoding.ASCII.GetString(await reference.ReceiveAsync().WaitAsync(Timeout)));
        Assert.Equal("second from ours", Encoding.ASCII.GetString(await reference.ReceiveAsync().WaitAsync(Timeout)));
    }
}
