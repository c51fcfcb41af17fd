using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Tests.Interop;
using DePinGpu.Libp2p.Tests.Support;
using static DePinGpu.Libp2p.Tests.Hosting.HostPair;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>
/// Silent TCP floods against a real host over loopback. Every source is a distinct 127.x.y.z address (all of
/// 127.0.0.0/8 reaches lo), so sources and subnets are real to the host; the good peers dial from 127.0.0.1.
/// </summary>
public sealed class HandshakeFloodTests(ITestOutputHelper output)
{
    /// <summary>Timeouts far beyond a test, so no flood socket leaves by timing out: what lets good peers in is the limiter.</summary>
    private static readonly Libp2pHostOptions PatientListener = new()
    {
        Limits = new ConnectionLimits { HandshakeTimeout = TimeSpan.FromMinutes(2), SilentSocketTimeout = TimeSpan.FromMinutes(2) },
    };

    [Fact]
    public async Task SilentFloodFromOneSource_TakesOnlyItsShare_AndAGoodPeerConnects()
    {
        var logs = new CapturingLoggerFactory();
        var (listener, address) = await StartAsync(options: PatientListener, loggerFactory: logs);
        var (good, _) = await StartAsync();
        await using var listenerScope = listener;
        await using var goodScope = good;
        using var refusals = new RefusalCounter(listener);
        var flood = await SilentClient.ConnectManyAsync(Enumerable.Repeat(IPAddress.Parse("127.0.1.2"), 64), Port(address));
        try
        {
            await WaitUntilAsync(() => flood.Count(client => client.ClosedByHost.IsCompleted) == 56);
            Assert.Equal(8, listener.PendingHandshakeCount);

            var waited = Stopwatch.StartNew();
            var connection = await good.DialAsync(address);
            await good.PingAsync(listener.LocalPeerId);
            output.WriteLine($"Good peer dialled and pinged in {waited.Elapsed.TotalMilliseconds:0} ms while 64 silent sockets from one source were open.");

            Assert.Equal(listener.LocalPeerId, connection.RemotePeer);
            Assert.Equal(56, refusals["source"]);
            Assert.True(logs.Contains(7014, "8 handshakes from 127.0.1.2/32 are already in progress"));
        }
        finally
        {
            flood.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task RepeatedSilentFlood_DoesNotLockAGoodPeerOut()
    {
        var (listener, address) = await StartAsync(options: PatientListener);
        var (good, _) = await StartAsync();
        await using var listenerScope = listener;
        await using var goodScope = good;
        await using var flood = HandshakeFlood.Start(IPAddress.Parse("127.0.1.3"), Port(address), width: 64);
        await WaitUntilAsync(() => flood.ClosedByHost >= 500);

        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var waited = Stopwatch.StartNew();
            var connection = await good.DialAsync(address, forceNewConnection: true);
            await using var stream = await connection.OpenStreamAsync([EchoProtocol]);
            Assert.Equal(new byte[] { 7 }, await EchoRoundTripAsync(stream, [7]));
            waits.Add(waited.Elapsed);
            await connection.CloseAsync();
        }

        output.WriteLine($"During a repeated flood ({flood.ClosedByHost} sockets refused so far) the good peer connected and echoed in " +
            $"{string.Join(", ", waits.Select(wait => $"{wait.TotalMilliseconds:0}"))} ms.");
        Assert.True(listener.PendingHandshakeCount <= listener.Options.Limits.MaxPendingHandshakesPerSource, $"{listener.PendingHandshakeCount} handshakes pending.");
    }

    [Fact]
    public async Task SilentFlood_DoesNotStopJsLibp2pFromConnecting()
    {
        await using var js = await JsPeer.StartAsync("ed25519");
        var (listener, address) = await StartAsync(options: PatientListener);
        await using var listenerScope = listener;
        var flood = await SilentClient.ConnectManyAsync(Enumerable.Repeat(IPAddress.Parse("127.0.1.4"), 64), Port(address));
        try
        {
            await WaitUntilAsync(() => flood.Count(client => client.ClosedByHost.IsCompleted) == 56);

            var waited = Stopwatch.StartNew();
            var dialed = await js.RunAsync($"dial {address}");
            output.WriteLine($"js-libp2p dialled in {waited.Elapsed.TotalMilliseconds:0} ms (command round trip included) during the flood.");

            Assert.Equal(listener.LocalPeerId.ToString(), dialed.GetProperty("peerId").GetString());
        }
        finally
        {
            flood.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task FloodFromManySourcesInOneSubnet_IsCappedPerSubnet_OtherSubnetsStillGetIn()
    {
        var logs = new CapturingLoggerFactory();
        var (listener, address) = await StartAsync(options: PatientListener, loggerFactory: logs);
        await using var listenerScope = listener;
        using var refusals = new RefusalCounter(listener);
        var sources = Enumerable.Range(1, 32).Select(host => IPAddress.Parse($"127.0.2.{host}"));
        var flood = await SilentClient.ConnectManyAsync(sources, Port(address));
        try
        {
            await WaitUntilAsync(() => flood.Count(client => client.ClosedByHost.IsCompleted) == 16);
            Assert.Equal(16, listener.PendingHandshakeCount);
            Assert.Equal(16, refusals["subnet"]);
            Assert.True(logs.Contains(7014, "16 handshakes from 127.0.2.0/24 are already in progress"));

            flood.Add(await SilentClient.ConnectAsync(IPAddress.Parse("127.0.3.1"), Port(address)));
            await WaitUntilAsync(() => listener.PendingHandshakeCount == 17);
        }
        finally
        {
            flood.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task UnknownSourcesFillingTheirShare_DoNotShutOutAKnownPeer()
    {
        var (listener, address) = await StartAsync(options: PatientListener);
        var (good, goodAddress) = await StartAsync();
        await using var listenerScope = listener;
        await using var goodScope = good;
        using var refusals = new RefusalCounter(listener);
        var limits = listener.Options.Limits;
        var unknownShare = limits.MaxPendingHandshakes - limits.PendingHandshakesReservedForKnownPeers;
        var sources = Enumerable.Range(0, unknownShare).Select(subnet => IPAddress.Parse($"127.1.{subnet}.1"));
        var flood = await SilentClient.ConnectManyAsync(sources, Port(address));
        try
        {
            await WaitUntilAsync(() => listener.PendingHandshakeCount == unknownShare);
            var stranger = await SilentClient.ConnectAsync(IPAddress.Parse("127.2.0.1"), Port(address));
            flood.Add(stranger);
            await stranger.ClosedByHost.WaitAsync(TestTimeout);
            await Assert.ThrowsAnyAsync<IOException>(() => good.DialAsync(address));

            // What a bootstrap list or an earlier dial does: the listener now knows the good peer's address.
            listener.PeerStore.AddAddresses(good.LocalPeerId, [goodAddress]);
            var connection = await good.DialAsync(address);

            Assert.Equal(listener.LocalPeerId, connection.RemotePeer);
            Assert.Equal(2, refusals["unknown_share"]);
        }
        finally
        {
            flood.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task PendingHandshakeSlots_AreReleased_WhenFloodSocketsClose()
    {
        var (listener, address) = await StartAsync(options: PatientListener);
        await using var listenerScope = listener;
        var source = IPAddress.Parse("127.0.4.2");
        var first = await SilentClient.ConnectManyAsync(Enumerable.Repeat(source, 9), Port(address));
        await WaitUntilAsync(() => first.Count(client => client.ClosedByHost.IsCompleted) == 1 && listener.PendingHandshakeCount == 8);

        first.ForEach(client => client.Dispose());
        await WaitUntilAsync(() => listener.PendingHandshakeCount == 0);
        var second = await SilentClient.ConnectManyAsync(Enumerable.Repeat(source, 8), Port(address));
        try
        {
            await WaitUntilAsync(() => listener.PendingHandshakeCount == 8);
            Assert.DoesNotContain(second, client => client.ClosedByHost.IsCompleted);
        }
        finally
        {
            second.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task SilentSocket_IsClosedAtTheSilenceTimeout_LongBeforeTheHandshakeTimeout()
    {
        var logs = new CapturingLoggerFactory();
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { HandshakeTimeout = TimeSpan.FromMinutes(2), SilentSocketTimeout = TimeSpan.FromSeconds(1) } };
        var (listener, address) = await StartAsync(options: options, loggerFactory: logs);
        await using var listenerScope = listener;

        using var silent = await SilentClient.ConnectAsync(IPAddress.Parse("127.0.5.2"), Port(address));
        await silent.ClosedByHost.WaitAsync(TestTimeout);

        Assert.True(logs.Contains(7003, "sent nothing within 1 s"));
        await WaitUntilAsync(() => listener.PendingHandshakeCount == 0);
    }

    private static int Port(Multiaddr address)
    {
        Assert.True(address.TryGetTcpTarget(out _, out var port));
        return port;
    }
}
