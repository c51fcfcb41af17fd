using System.Security.Cryptography;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Tests.Yamux;

public sealed class YamuxSessionTests
{
    private static readonly TimeSpan Timeout = YamuxPair.TestTimeout;

    [Fact]
    public async Task OpenStream_DataBothWays_WithHalfClose()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;

        var outbound = await client.OpenStreamAsync();
        await outbound.WriteAsync("hello"u8.ToArray());
        await outbound.CloseWriteAsync();
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;

        Assert.Equal(1u, outbound.StreamId);
        Assert.Equal(outbound.StreamId, inbound.StreamId);
        Assert.True(inbound.IsInbound);
        Assert.Equal("hello"u8.ToArray(), await YamuxPair.ReadToEndAsync(inbound));

        // The half-closed stream still carries data the other way.
        await inbound.WriteAsync("world"u8.ToArray());
        await inbound.CloseWriteAsync();
        Assert.Equal("world"u8.ToArray(), await YamuxPair.ReadToEndAsync(outbound));
        await WaitUntilAsync(() => client.StreamCount == 0 && server.StreamCount == 0);
    }

    [Fact]
    public async Task LargeTransfer_GrowsWindowAndArrivesIntact()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        var data = RandomNumberGenerator.GetBytes(24 * 1024 * 1024);

        var outbound = await client.OpenStreamAsync();
        var writing = Task.Run(async () =>
        {
            await outbound.WriteAsync(data);
            await outbound.CloseWriteAsync();
        });
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        var received = await YamuxPair.ReadToEndAsync(inbound);
        await writing.WaitAsync(Timeout);

        Assert.True(data.AsSpan().SequenceEqual(received));
        Assert.True(inbound.ReceiveWindow > YamuxOptions.InitialWindowSize, $"window stayed at {inbound.ReceiveWindow}");
    }

    [Fact]
    public async Task SlowReader_StallsOnlyItsOwnStream()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;

        var stalled = await client.OpenStreamAsync();
        var stalledWrite = stalled.WriteAsync(new byte[2 * 1024 * 1024]).AsTask();
        var stalledInbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;

        var flowing = await client.OpenStreamAsync();
        var payload = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var flowingWrite = Task.Run(async () =>
        {
            await flowing.WriteAsync(payload);
            await flowing.CloseWriteAsync();
        });
        var flowingInbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        Assert.Equal(payload, await YamuxPair.ReadToEndAsync(flowingInbound));
        await flowingWrite.WaitAsync(Timeout);

        // Nobody reads the first stream: its writer waits for window, and only the initial window is buffered.
        Assert.False(stalledWrite.IsCompleted);
        await WaitUntilAsync(() => stalledInbound.BufferedBytes == YamuxOptions.InitialWindowSize);
        await Task.Delay(200);
        Assert.Equal(YamuxOptions.InitialWindowSize, stalledInbound.BufferedBytes);

        var drained = new byte[2 * 1024 * 1024];
        var reading = stalledInbound.ReadExactlyAsync(drained).AsTask();
        await stalledWrite.WaitAsync(Timeout);
        await reading.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Reset_ByRemote_FailsPendingRead()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        var outbound = await client.OpenStreamAsync();
        await outbound.WriteAsync(new byte[] { 1 });
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        Assert.Equal(1, await inbound.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout));

        var pending = inbound.ReadAsync(new byte[1]).AsTask();
        outbound.Reset();

        var exception = await Assert.ThrowsAsync<IOException>(() => pending.WaitAsync(Timeout));
        Assert.Contains("reset", exception.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(async () => await outbound.WriteAsync(new byte[1]));
    }

    [Fact]
    public async Task Ping_ReturnsRoundTripTime()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;

        var rtt = await client.PingAsync().WaitAsync(Timeout);
        Assert.True(rtt > TimeSpan.Zero && rtt < Timeout);
        Assert.True(await server.PingAsync().WaitAsync(Timeout) < Timeout);
    }

    [Fact]
    public async Task Close_SendsGoAway_RemoteRefusesNewStreamsAndEnds()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = server;
        await client.CloseAsync();

        await server.Completion.WaitAsync(Timeout);
        Assert.True(server.IsClosed);
        await Assert.ThrowsAsync<IOException>(() => server.OpenStreamAsync());
        Assert.Null(await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ConcurrentStreams_HundredEchoesInParallel()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        var echoing = Task.Run(async () =>
        {
            var handlers = new List<Task>();
            for (var index = 0; index < 100; index++)
            {
                var inbound = (await server.AcceptStreamAsync())!;
                handlers.Add(Task.Run(async () =>
                {
                    await inbound.CopyToAsync(inbound);
                    await inbound.CloseWriteAsync();
                }));
            }

            await Task.WhenAll(handlers);
        });

        var clients = Enumerable.Range(0, 100).Select(index => Task.Run(async () =>
        {
            var data = RandomNumberGenerator.GetBytes(10_000 + index);
            var stream = await client.OpenStreamAsync();
            var reading = YamuxPair.ReadToEndAsync(stream);
            await stream.WriteAsync(data);
            await stream.CloseWriteAsync();
            Assert.Equal(data, await reading);
        }));
        await Task.WhenAll(clients).WaitAsync(Timeout);
        await echoing.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Dispose_ClosesWriteAndDropsUnreadData_RemoteSeesEndOfStream()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        var outbound = await client.OpenStreamAsync();
        await outbound.WriteAsync(new byte[1000]);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        await WaitUntilAsync(() => inbound.BufferedBytes == 1000);

        await inbound.DisposeAsync();
        Assert.Empty(await YamuxPair.ReadToEndAsync(outbound));

        // The writer is not blocked by the abandoned reader: its data is dropped and credited.
        await outbound.WriteAsync(new byte[1024 * 1024]).AsTask().WaitAsync(Timeout);
        await outbound.CloseWriteAsync();
        await WaitUntilAsync(() => client.StreamCount == 0 && server.StreamCount == 0);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
