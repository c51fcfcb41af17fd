using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Tests.Hosting;

namespace DePinGpu.Libp2p.Tests.PeerRecords;

public sealed class SignedPeerRecordIdentifyTests
{
    [Fact]
    public async Task Identify_CarriesEachHostsSignedPeerRecord_VerifiedAndKeptInThePeerStore()
    {
        var (dialer, _) = await HostPair.StartAsync(Secp256k1PrivateKey.Generate());
        await using var _dialer = dialer;
        var (listener, address) = await HostPair.StartAsync();
        await using var _listener = listener;

        await dialer.DialAsync(address);
        await HostPair.WaitUntilAsync(() => dialer.PeerStore.Get(listener.LocalPeerId)?.SignedPeerRecord is not null
            && listener.PeerStore.Get(dialer.LocalPeerId)?.SignedPeerRecord is not null);

        var known = dialer.PeerStore.Get(listener.LocalPeerId)!;
        Assert.True(SignedPeerRecord.TryParse(known.SignedPeerRecord, out var record, out var error), error);
        Assert.Equal(listener.LocalPeerId, record!.PeerId);
        Assert.Equal(listener.AdvertisedAddresses.Select(a => a.WithoutPeerId()), record.Addresses);
        Assert.Equal(record.Sequence, known.PeerRecordSequence);
        Assert.True(record.Sequence > 0);
        Assert.True(SignedPeerRecord.TryParse(listener.PeerStore.Get(dialer.LocalPeerId)!.SignedPeerRecord, out var dialerRecord, out _));
        Assert.Equal(dialer.LocalPeerId, dialerRecord!.PeerId);
    }

    [Fact]
    public async Task Identify_RecordSignedByAnotherKey_IsIgnored_AndTheRestOfIdentifyStillApplies()
    {
        var (dialer, _) = await HostPair.StartAsync();
        await using var _dialer = dialer;
        var (liar, address) = await HostPair.StartAsync();
        await using var _liar = liar;
        var someoneElse = Ed25519PrivateKey.Generate();
        liar.SetStreamHandler(IdentifyService.ProtocolId, (stream, token) => AnswerAsync(stream, new IdentifyMessage
        {
            AgentVersion = "liar/1.0",
            PublicKey = liar.Identity.PublicKey.ToProtobuf(),
            Protocols = [IdentifyService.ProtocolId, HostPair.EchoProtocol],
            SignedPeerRecord = SignedPeerRecord.Create(someoneElse, 1, [Multiaddr.Parse("/ip4/10.9.9.9/tcp/1")]),
        }, token));

        await dialer.DialAsync(address);
        await HostPair.WaitUntilAsync(() => dialer.PeerStore.Get(liar.LocalPeerId)?.AgentVersion == "liar/1.0");

        var known = dialer.PeerStore.Get(liar.LocalPeerId)!;
        Assert.Null(known.SignedPeerRecord);
        Assert.True(known.Supports(HostPair.EchoProtocol));
    }

    [Fact]
    public void PeerStore_AnOlderRecord_NeverReplacesANewerOne()
    {
        var key = Ed25519PrivateKey.Generate();
        var store = new PeerStore(capacity: 16, isConnected: _ => true);
        var newer = SignedPeerRecord.Create(key, 20, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/2")]);
        var older = SignedPeerRecord.Create(key, 10, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/1")]);
        store.ApplyIdentify(key.PeerId, key.PublicKey, new IdentifyMessage { SignedPeerRecord = newer }, Parse(newer));
        store.ApplyIdentify(key.PeerId, key.PublicKey, new IdentifyMessage { SignedPeerRecord = older }, Parse(older));

        Assert.Equal(20UL, store.Get(key.PeerId)!.PeerRecordSequence);
        Assert.Equal(newer, store.Get(key.PeerId)!.SignedPeerRecord);
    }

    private static SignedPeerRecord Parse(byte[] envelope)
    {
        Assert.True(SignedPeerRecord.TryParse(envelope, out var record, out var error), error);
        return record!;
    }

    private static async Task AnswerAsync(Libp2pStream stream, IdentifyMessage message, CancellationToken cancellationToken)
    {
        var body = message.Encode();
        var framed = new byte[Varint.SizeOf((ulong)body.Length) + body.Length];
        body.CopyTo(framed, Varint.Write((ulong)body.Length, framed));
        await stream.WriteAsync(framed, cancellationToken);
        await stream.CloseWriteAsync(cancellationToken);
    }
}
