using System.Net.Sockets;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Tests.Support;
using static DePinGpu.Libp2p.Tests.Hosting.HostPair;

namespace DePinGpu.Libp2p.Tests.Hosting;

public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task MaxConnections_RefusesExtraPeers_WithLoggedReason()
    {
        var logs = new CapturingLoggerFactory();
        var (listener, address) = await StartAsync(options: new Libp2pHostOptions { Limits = new ConnectionLimits { MaxConnections = 1 } }, loggerFactory: logs);
        var (first, _) = await StartAsync();
        var (second, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = first;
        await using var _3 = second;

        await first.DialAsync(address);
        await WaitUntilAsync(() => listener.ConnectionCount == 1);
        await Assert.ThrowsAnyAsync<IOException>(() => second.DialAsync(address));

        Assert.True(logs.Contains(7004, "limit of 1 connections"));
        Assert.Equal(1, listener.ConnectionCount);
    }

    [Fact]
    public async Task MaxConnectionsPerPeer_RefusesDuplicateConnections()
    {
        var (listener, address) = await StartAsync(options: new Libp2pHostOptions { Limits = new ConnectionLimits { MaxConnectionsPerPeer = 1 } });
        var key = DePinGpu.Libp2p.Identity.Ed25519PrivateKey.Generate();
        var (first, _) = await StartAsync(key);
        var (twin, _) = await StartAsync(key);
        await using var _1 = listener;
        await using var _2 = first;
        await using var _3 = twin;

        await first.DialAsync(address);
        await WaitUntilAsync(() => listener.ConnectionCount == 1);
        var duplicate = await twin.DialAsync(address);
        await duplicate.Completion.WaitAsync(TestTimeout);
        Assert.Equal(1, listener.ConnectionCount);
    }

    [Fact]
    public async Task SilentTcpClient_IsDroppedAfterHandshakeTimeout()
    {
        var logs = new CapturingLoggerFactory();
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { HandshakeTimeout = TimeSpan.FromSeconds(1) } };
        var (listener, address) = await StartAsync(options: options, loggerFactory: logs);
        await using var listenerScope = listener;
        address.TryGetTcpTarget(out _, out var port);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var read = await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(0, read);
        await WaitUntilAsync(() => logs.Contains(7003, "no handshake within 1 s"));
    }

    [Fact]
    public async Task IdleConnection_IsClosedAfterIdleTimeout()
    {
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { IdleTimeout = TimeSpan.FromSeconds(2) } };
        var (listener, address) = await StartAsync(options: options);
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;

        var connection = await dialer.DialAsync(address);
        await connection.Completion.WaitAsync(TestTimeout);
        await WaitUntilAsync(() => listener.ConnectionCount == 0);
    }

    [Fact]
    public async Task BusyConnection_IsNotClosedByIdleTimeout()
    {
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { IdleTimeout = TimeSpan.FromSeconds(1) } };
        var (listener, address) = await StartAsync(options: options);
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;
        var connection = await dialer.DialAsync(address);

        await using var stream = await connection.OpenStreamAsync([EchoProtocol]);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(connection.IsClosed);
        Assert.Equal(new byte[] { 5 }, await EchoRoundTripAsync(stream, [5]));
    }

    [Fact]
    public async Task InboundStreamLimit_ResetsStreamsBeyondIt()
    {
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { MaxInboundStreamsPerConnection = 4 } };
        var (listener, address) = await StartAsync(options: options);
        var (dialer, _) = await StartAsync();
        await using var _1 = listener;
        await using var _2 = dialer;
        var gate = new TaskCompletionSource();
        listener.SetStreamHandler("/hold/1", async (_, cancellationToken) => await gate.Task.WaitAsync(cancellationToken));
        var connection = await dialer.DialAsync(address);
        await WaitUntilAsync(() => connection.StreamCount == 0);

        var held = new List<Libp2pStream>();
        for (var index = 0; index < 4; index++)
        {
            held.Add(await connection.OpenStreamAsync(["/hold/1"]));
        }

        await Assert.ThrowsAnyAsync<IOException>(() => connection.OpenStreamAsync(["/hold/1"]));
        gate.SetResult();
        foreach (var stream in held)
        {
            await stream.DisposeAsync();
        }

        await using var afterwards = await connection.OpenStreamAsync([EchoProtocol]);
        Assert.Equal(new byte[] { 9 }, await EchoRoundTripAsync(afterwards, [9]));
    }
}
