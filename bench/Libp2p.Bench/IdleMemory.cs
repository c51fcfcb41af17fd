using System.Diagnostics;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Bench;

/// <summary>
/// Memory held per idle connection: both ends live in this process, so the growth is divided by two per
/// connection. The figure is the growth between a second and a third batch of connections: the first batches fill
/// the shared buffer pools (a bounded, one-time cost), so the slope is what each further connection costs.
/// </summary>
internal static class IdleMemory
{
    public static async Task<Result> MeasureAsync(int connections)
    {
        var options = new Libp2pHostOptions
        {
            Limits = new ConnectionLimits { MaxConnections = 4 * connections, MaxConnectionsPerPeer = 4 * connections, MaxPendingHandshakes = 4 * connections, IdleTimeout = null },
        };
        await using var server = new Libp2pHost(Ed25519PrivateKey.Generate(), options);
        await using var client = new Libp2pHost(Ed25519PrivateKey.Generate(), options);
        var address = (await server.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"))).WithPeerId(server.LocalPeerId);
        await OpenIdleConnectionsAsync(client, address, connections);
        var (managedBefore, workingSetBefore) = Snapshot();
        await OpenIdleConnectionsAsync(client, address, connections);
        var (managedAfter, workingSetAfter) = Snapshot();
        var ends = 2.0 * connections;
        return new Result(connections, (managedAfter - managedBefore) / ends, (workingSetAfter - workingSetBefore) / ends);
    }

    private static async Task OpenIdleConnectionsAsync(Libp2pHost client, Multiaddr address, int count)
    {
        for (var index = 0; index < count; index++)
        {
            await client.DialAsync(address, forceNewConnection: true);
        }

        // Let identify finish so every connection is idle (no open streams) before measuring.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && client.Connections.Any(connection => connection.StreamCount > 0))
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000);
    }

    private static (long Managed, long WorkingSet) Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    internal sealed record Result(int Connections, double ManagedBytesPerConnection, double WorkingSetBytesPerConnection);
}
