using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

public sealed class YamuxFuzzTests
{
    [Fact]
    public async Task RandomBytes_EndTheSessionCleanly()
    {
        var random = new Random(2024);
        for (var round = 0; round < 200; round++)
        {
            var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
            var junk = new byte[random.Next(1, 2000)];
            random.NextBytes(junk);
            await raw.WriteAsync(junk);
            raw.Dispose();

            await server.Completion.WaitAsync(TestTimeout);
            await server.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }
    }

    [Fact]
    public async Task MutatedValidFrames_NeverHangOrCrashTheSession()
    {
        var random = new Random(77);
        for (var round = 0; round < 200; round++)
        {
            var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
            var accepting = Task.Run(async () =>
            {
                var drains = new List<Task>();
                while (await server.AcceptStreamAsync() is { } stream)
                {
                    drains.Add(DrainAsync(stream));
                }

                await Task.WhenAll(drains);
            });

            var frames = new List<byte>();
            frames.AddRange(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
            frames.AddRange(Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 5, [1, 2, 3, 4, 5]));
            frames.AddRange(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 3, 3, [6, 7, 8]));
            frames.AddRange(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.None, 1, 4096));
            frames.AddRange(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 7));
            frames.AddRange(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 3, 0));
            frames.AddRange(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0));
            var bytes = frames.ToArray();
            for (var mutation = random.Next(1, 4); mutation > 0; mutation--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            await raw.WriteAsync(bytes);
            raw.Dispose();
            await server.Completion.WaitAsync(TestTimeout);
            await accepting.WaitAsync(TestTimeout);
            await server.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }
    }

    private static async Task DrainAsync(YamuxStream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Expected: the fuzzed session resets or closes its streams.
        }
    }
}
