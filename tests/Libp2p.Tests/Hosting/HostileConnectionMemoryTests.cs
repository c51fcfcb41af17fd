using System.Net.Sockets;
using static DePinGpu.Libp2p.Tests.Hosting.HostPair;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>
/// Managed-memory bounds under hostile connections. The measurement is of the whole process, so these tests run alone
/// (in <see cref="MemoryMeasurementCollection"/>), after the parallel ones: another test's buffers would count as ours.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class HostileConnectionMemoryTests
{
    [Fact]
    public async Task ManyHostileConnections_KeepMemoryBounded()
    {
        var (listener, address) = await StartAsync();
        await using var listenerScope = listener;
        address.TryGetTcpTarget(out _, out var port);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var round = 0; round < 40; round++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var secured = await HostileInputTests.ReachLayerAsync(client.GetStream(), 2);

            // Open many streams and send unread data on each: the host buffers at most one window per stream.
            for (uint id = 1; id < 64; id += 2)
            {
                await secured.WriteAsync(HostileInputTests.YamuxFrame(1, 1, id, 0, []));
                await secured.WriteAsync(HostileInputTests.YamuxFrame(0, 0, id, 60_000, new byte[60_000]));
            }
        }

        await WaitUntilAsync(() => listener.ConnectionCount == 0);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 64 * 1024 * 1024, $"Managed memory grew by {(after - before) / 1024 / 1024} MiB.");
    }
}
