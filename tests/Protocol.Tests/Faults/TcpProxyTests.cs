using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DePinGpu.TestSupport.Faults;

namespace DePinGpu.Protocol.Tests.Faults;

public sealed class TcpProxyTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello");

    [Fact]
    public async Task Open_ForwardsBytesBothWays()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy);

        Assert.Equal(Hello, await RoundTripAsync(client, Hello));
        Assert.Equal(TcpProxyMode.Open, proxy.Mode);
    }

    [Fact]
    public async Task Close_ResetsExistingConnections_AndRefusesNewOnes()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy);
        await RoundTripAsync(client, Hello);

        await proxy.CloseAsync();

        // A reset (RST), not an orderly end (FIN): the client's next read fails instead of returning 0.
        var broken = await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            var buffer = new byte[16];
            Assert.Fail($"read {await client.ReceiveAsync(buffer, SocketFlags.None)} bytes from a connection the proxy reset");
        });
        Assert.Equal(SocketError.ConnectionReset, broken.SocketErrorCode);
        var refused = await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(proxy));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Open_AfterClose_ForwardsAgainOnTheSamePort()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        var port = proxy.Port;
        await proxy.CloseAsync();

        proxy.Open();

        using var client = await ConnectAsync(proxy);
        Assert.Equal(port, ((IPEndPoint)client.RemoteEndPoint!).Port);
        Assert.Equal(Hello, await RoundTripAsync(client, Hello));
    }

    [Fact]
    public async Task Blackhole_AcceptsConnections_ButDropsEveryByte()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        using var existing = await ConnectAsync(proxy);
        await RoundTripAsync(existing, Hello);
        var forwardedBefore = echo.ReceivedBytes;

        proxy.Blackhole();
        using var fresh = await ConnectAsync(proxy);
        await existing.SendAsync(Hello, SocketFlags.None);
        await fresh.SendAsync(Hello, SocketFlags.None);

        await UntilAsync(() => proxy.DroppedBytes == 2 * Hello.Length);
        Assert.Equal(forwardedBefore, echo.ReceivedBytes);
        Assert.Equal(2, proxy.AcceptedConnections);
    }

    [Fact]
    public async Task Blackhole_ThenOpen_ForwardsOnTheExistingConnectionAgain()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy);
        proxy.Blackhole();
        await client.SendAsync(Hello, SocketFlags.None);
        await UntilAsync(() => proxy.DroppedBytes == Hello.Length);

        proxy.Open();

        Assert.Equal(Hello, await RoundTripAsync(client, Hello));
    }

    [Fact]
    public async Task Delay_HoldsEveryChunkBeforeForwardingIt()
    {
        await using var echo = new EchoServer();
        await using var proxy = TcpProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy);
        proxy.SetDelay(TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        Assert.Equal(Hello, await RoundTripAsync(client, Hello));

        // One delay on the way there and one on the way back: a lower bound, so it cannot fail on a slow machine.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"the round trip took {clock.Elapsed}");
    }

    [Fact]
    public void Start_WithATargetOffLoopback_IsRefused() =>
        Assert.Throws<ArgumentException>(() => TcpProxy.Start(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 80)));

    private static async Task<Socket> ConnectAsync(TcpProxy proxy)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, proxy.Port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> RoundTripAsync(Socket client, byte[] payload)
    {
        await client.SendAsync(payload, SocketFlags.None);
        var received = new byte[payload.Length];
        var total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (total < payload.Length)
        {
            var read = await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException("The proxy ended the connection.");
            }

            total += read;
        }

        return received;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the proxy");
            await Task.Delay(10);
        }
    }
}
