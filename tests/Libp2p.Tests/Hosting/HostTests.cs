using System.Security.Cryptography;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;
using static DePinGpu.Libp2p.Tests.Hosting.HostPair;

namespace DePinGpu.Libp2p.Tests.Hosting;

public sealed class HostTests
{
    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    public async Task Dial_IdentifiesBothSides_PingsAndEchoes(bool secp256k1, bool dialerEarlyMuxer, bool listenerEarlyMuxer)
    {
        var (listener, address) = await StartAsync(secp256k1 ? Secp256k1PrivateKey.Generate() : null, new Libp2pHostOptions { EarlyMuxerNegotiation = listenerEarlyMuxer });
        var (dialer, dialerAddress) = await StartAsync(options: new Libp2pHostOptions { EarlyMuxerNegotiation = dialerEarlyMuxer });
        await using var _ = listener;
        await using var __ = dialer;

        var connection = await dialer.DialAsync(address);
        Assert.Equal(listener.LocalPeerId, connection.RemotePeer);
        Assert.Equal(ConnectionDirection.Outbound, connection.Direction);

        await WaitUntilAsync(() => dialer.PeerStore.Get(listener.LocalPeerId)?.IsIdentified == true
            && listener.PeerStore.Get(dialer.LocalPeerId)?.IsIdentified == true);
        var listenerInfo = dialer.PeerStore.Get(listener.LocalPeerId)!;
        Assert.Contains(EchoProtocol, listenerInfo.Protocols);
        Assert.Contains(PingService.ProtocolId, listenerInfo.Protocols);
        Assert.Contains(address.WithoutPeerId(), listenerInfo.ListenAddresses);
        Assert.Contains(dialerAddress.WithoutPeerId(), listener.PeerStore.Get(dialer.LocalPeerId)!.ListenAddresses);

        Assert.True(await dialer.PingAsync(listener.LocalPeerId) < TestTimeout);
        Assert.True(await listener.PingAsync(dialer.LocalPeerId) < TestTimeout);

        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        await using var stream = await dialer.OpenStreamAsync(listener.LocalPeerId, ["/not/supported/1", EchoProtocol]);
        Assert.Equal(EchoProtocol, stream.Protocol);
        Assert.Equal(data, await EchoRoundTripAsync(stream, data));
    }

    [Fact]
    public async Task Dial_WrongPeerIdInAddress_FailsAndListenerKeepsServing()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;

        var wrong = address.WithPeerId(Ed25519PrivateKey.Generate().PeerId);
        var exception = await Assert.ThrowsAsync<Libp2pProtocolException>(() => dialer.DialAsync(wrong));
        Assert.Contains("authenticated as", exception.Message, StringComparison.Ordinal);

        var connection = await dialer.DialAsync(address);
        Assert.Equal(listener.LocalPeerId, connection.RemotePeer);
    }

    [Fact]
    public async Task OpenStream_UnsupportedProtocol_ThrowsProtocolNotSupported()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;
        await dialer.DialAsync(address);

        var exception = await Assert.ThrowsAsync<MultistreamRefusedException>(() => dialer.OpenStreamAsync(listener.LocalPeerId, ["/nope/1", "/nope/2"]));
        Assert.Equal(["/nope/1", "/nope/2"], exception.OfferedProtocols);
    }

    [Fact]
    public async Task SetStreamHandler_AfterConnecting_PushesIdentifyToPeers()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;
        var identified = new List<PeerInfo>();
        dialer.PeerIdentified += info =>
        {
            lock (identified)
            {
                identified.Add(info);
            }
        };
        await dialer.DialAsync(address);
        await WaitUntilAsync(() => dialer.PeerStore.Get(listener.LocalPeerId)?.IsIdentified == true);

        listener.SetStreamHandler("/late/1.0.0", EchoAsync);
        await WaitUntilAsync(() => dialer.PeerStore.Get(listener.LocalPeerId)!.Supports("/late/1.0.0"));
        listener.RemoveStreamHandler("/late/1.0.0");
        await WaitUntilAsync(() => !dialer.PeerStore.Get(listener.LocalPeerId)!.Supports("/late/1.0.0"));
        lock (identified)
        {
            Assert.True(identified.Count >= 3);
        }
    }

    [Fact]
    public async Task ConnectionEvents_FireForBothSides_AndStopClosesGracefully()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = dialer;
        var opened = new TaskCompletionSource<Libp2pConnection>();
        var disconnected = new TaskCompletionSource<PeerId>();
        listener.PeerConnected += connection => opened.TrySetResult(connection);
        dialer.PeerDisconnected += peer => disconnected.TrySetResult(peer);

        await dialer.DialAsync(address);
        var inbound = await opened.Task.WaitAsync(TestTimeout);
        Assert.Equal(ConnectionDirection.Inbound, inbound.Direction);
        Assert.Equal(dialer.LocalPeerId, inbound.RemotePeer);
        Assert.Equal(System.Net.IPAddress.Loopback, inbound.RemoteEndPoint.Address);
        Assert.Single(listener.Connections);

        await listener.StopAsync();
        Assert.Equal(listener.LocalPeerId, await disconnected.Task.WaitAsync(TestTimeout));
        Assert.Empty(listener.Connections);
        await WaitUntilAsync(() => dialer.ConnectionCount == 0);
    }

    [Fact]
    public async Task HandlerException_ResetsOnlyThatStream()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;
        listener.SetStreamHandler("/boom/1", (_, _) => throw new InvalidOperationException("handler bug"));
        await dialer.DialAsync(address);

        // The reset may even overtake the negotiation answer, so the failure shows up on open or on read.
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await using var broken = await dialer.OpenStreamAsync(listener.LocalPeerId, ["/boom/1"]);
            await broken.ReadAsync(new byte[1]).AsTask().WaitAsync(TestTimeout);
        });

        await using var echo = await dialer.OpenStreamAsync(listener.LocalPeerId, [EchoProtocol]);
        Assert.Equal(new byte[] { 1, 2, 3 }, await EchoRoundTripAsync(echo, [1, 2, 3]));
    }

    [Fact]
    public async Task DialByPeerId_UsesPeerStoreAddresses()
    {
        var (listener, address) = await StartAsync();
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;

        await Assert.ThrowsAsync<IOException>(() => dialer.DialAsync(listener.LocalPeerId));
        dialer.PeerStore.AddAddresses(listener.LocalPeerId, [address.WithoutPeerId()]);
        var connection = await dialer.DialAsync(listener.LocalPeerId);
        Assert.Same(connection, await dialer.DialAsync(address));
    }
}
