using System.Security.Cryptography;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Hosting;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Replication;

/// <summary>
/// A standby replicating checkpoints between real in-process IPFS nodes over loopback libp2p and Bitswap, driven by
/// the announcements the gossip layer would publish on the bus.
/// </summary>
public sealed class ReplicationServiceTests : IDisposable
{
    private const string HolderProvider = "0x00000000000000000000000000000000000000a1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task AnnouncedCheckpoint_OfALeaseThisNodeIsStandbyOf_IsFetchedPinnedAndAnnouncedAsHeld()
    {
        await using var holder = await StartNodeAsync("holder");
        await using var standby = await StartNodeAsync("standby");
        var (cid, files) = await ImportCheckpointAsync(holder.Content.Blocks, "step-1");
        await ConnectAsync(standby, holder);
        var bus = new NodeEventBus();
        using var standbys = Standbys(orderId: 7, firstLeaseId: 3, leases: 1);
        using var replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        using var service = Service(bus, standbys, replicas, standby, Options());
        var held = bus.Subscribe<OwnCheckpointReplicated>();
        await service.StartAsync(CancellationToken.None);

        bus.Publish(new PeerCheckpointAnnounced(3, 0, 1, cid, HolderProvider, holder.PeerId, Held: false));

        var replicated = await held.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(new OwnCheckpointReplicated(3, 0, 1, cid), replicated);
        Assert.Equal(PinType.Recursive, (await standby.Content.GetPinAsync(cid))!.Type);
        await AssertExportedAsync(standby, cid, files);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AnnouncedCheckpoint_OfALeaseThisNodeIsNotStandbyOf_IsNotFetched()
    {
        await using var holder = await StartNodeAsync("holder");
        await using var standby = await StartNodeAsync("standby");
        var (cid, _) = await ImportCheckpointAsync(holder.Content.Blocks, "step-1");
        await ConnectAsync(standby, holder);
        using var standbys = Standbys(orderId: 7, firstLeaseId: 3, leases: 1);
        using var replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        using var service = Service(new NodeEventBus(), standbys, replicas, standby, Options());

        var replicated = await service.ReplicateAsync(new PeerCheckpointAnnounced(4, 0, 1, cid, HolderProvider, holder.PeerId, Held: false), CancellationToken.None);

        Assert.False(replicated);
        Assert.False(await standby.Content.Blocks.HasAsync(cid));
    }

    [Fact]
    public async Task CorruptBlockFromAPeer_IsRejected_NothingIsPinned_ThenTheCheckpointComesFromAnHonestPeer()
    {
        var honestBlocks = new MemoryBlockStore();
        var (cid, files) = await ImportCheckpointAsync(honestBlocks, "step-1");
        var leaf = await FirstLeafAsync(honestBlocks, cid);
        await using var corrupt = await StartNodeAsync("corrupt", new CorruptingBlockStore(honestBlocks, leaf));
        await using var honest = await StartNodeAsync("honest", honestBlocks);
        await using var standby = await StartNodeAsync("standby");
        var bus = new NodeEventBus();
        var held = bus.Subscribe<OwnCheckpointReplicated>();
        using var standbys = Standbys(orderId: 7, firstLeaseId: 3, leases: 1);
        using var replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        using var service = Service(bus, standbys, replicas, standby, Options() with { AttemptTimeout = TimeSpan.FromSeconds(4), MaxAttempts = 1 });
        var announced = new PeerCheckpointAnnounced(3, 0, 1, cid, HolderProvider, corrupt.PeerId, Held: false);
        await ConnectAsync(standby, corrupt);

        Assert.False(await service.ReplicateAsync(announced, CancellationToken.None));
        Assert.True(standby.Bitswap.Client.IsBanned(corrupt.PeerId));
        Assert.Null(await standby.Content.GetPinAsync(cid));
        Assert.False(await standby.Content.Blocks.HasAsync(leaf));
        Assert.Null(replicas.Find(cid));
        Assert.False(held.TryRead(out _));

        await ConnectAsync(standby, honest);
        Assert.True(await service.ReplicateAsync(announced, CancellationToken.None));

        Assert.Equal(new OwnCheckpointReplicated(3, 0, 1, cid), await held.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(PinType.Recursive, (await standby.Content.GetPinAsync(cid))!.Type);
        await AssertExportedAsync(standby, cid, files);
    }

    [Fact]
    public async Task NewerCommittedCheckpoint_UnpinsTheOlderReplicas_AndKeepsTheCommittedOne()
    {
        await using var holder = await StartNodeAsync("holder");
        await using var standby = await StartNodeAsync("standby");
        var (first, _) = await ImportCheckpointAsync(holder.Content.Blocks, "step-1");
        var (second, _) = await ImportCheckpointAsync(holder.Content.Blocks, "step-2");
        await ConnectAsync(standby, holder);
        var bus = new NodeEventBus();
        var held = bus.Subscribe<OwnCheckpointReplicated>();
        using var standbys = Standbys(orderId: 7, firstLeaseId: 3, leases: 1);
        using var replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        using var service = Service(bus, standbys, replicas, standby, Options());
        await service.StartAsync(CancellationToken.None);
        bus.Publish(new PeerCheckpointAnnounced(3, 0, 1, first, HolderProvider, holder.PeerId, Held: false));
        await held.ReadAsync().AsTask().WaitAsync(Patience);
        bus.Publish(new PeerCheckpointAnnounced(3, 0, 2, second, HolderProvider, holder.PeerId, Held: false));
        await held.ReadAsync().AsTask().WaitAsync(Patience);

        bus.Publish(new CheckpointMined(3, 0, 2, second));

        await UntilAsync(async () => await standby.Content.GetPinAsync(first) is null && replicas.Find(first) is null);
        Assert.NotNull(replicas.Find(second));
        Assert.Equal(PinType.Recursive, (await standby.Content.GetPinAsync(second))!.Type);
        await service.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _directory.Dispose();

    private static ReplicationOptions Options() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(20),
        MaxAttempts = 2,
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private StandbyStore Standbys(int orderId, int firstLeaseId, int leases)
    {
        var store = new StandbyStore(_directory.Combine("standbys.db"));
        store.Save(new StandbyRecord { Id = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstLeaseId = firstLeaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), LeaseCount = leases, UpdatedAt = DateTime.UtcNow });
        return store;
    }

    private static ReplicationService Service(NodeEventBus bus, StandbyStore standbys, ReplicaStore replicas, IpfsNode node, ReplicationOptions options) =>
        new(bus, standbys, replicas, node.Content, node.Fetcher, Microsoft.Extensions.Options.Options.Create(options), new ReplicationMetrics(), NullLogger<ReplicationService>.Instance);

    private Task<IpfsNode> StartNodeAsync(string name, IBlockStore? blocks = null) =>
        IpfsNode.StartAsync(blocks ?? new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine(name + "-pins.db") });

    /// <summary>A checkpoint folder of a few files (one over a chunk, so its DAG has leaves) imported into <paramref name="blocks"/>.</summary>
    private async Task<(Cid Cid, Dictionary<string, byte[]> Files)> ImportCheckpointAsync(IBlockStore blocks, string name)
    {
        var folder = _directory.Combine("checkpoints", name);
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, byte[]>
        {
            ["state"] = System.Text.Encoding.UTF8.GetBytes(name),
            ["weights.bin"] = RandomNumberGenerator.GetBytes(700_000),
        };
        foreach (var (file, bytes) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, file), bytes);
        }

        return ((await new UnixFsImporter().ImportAsync(folder, blocks)).Cid, files);
    }

    /// <summary>A raw leaf of the checkpoint's large file (the block a corrupt peer falsifies).</summary>
    private static async Task<Cid> FirstLeafAsync(IBlockStore blocks, Cid root)
    {
        await foreach (var cid in blocks.EnumerateAsync())
        {
            if (cid.Codec == MulticodecCode.Raw && (await blocks.GetSizeAsync(cid)) > 100_000)
            {
                return cid;
            }
        }

        throw new InvalidOperationException("The checkpoint of " + root + " has no large raw leaf.");
    }

    private async Task AssertExportedAsync(IpfsNode node, Cid cid, Dictionary<string, byte[]> files)
    {
        var destination = _directory.Combine("export-" + Guid.NewGuid().ToString("N"));
        await new UnixFsExporter(node.Content.Blocks).ExportAsync(cid, destination);
        foreach (var (file, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(destination, file)));
        }
    }

    private static async Task ConnectAsync(IpfsNode from, IpfsNode to)
    {
        await from.Host.DialAsync(to.Address);
        await UntilAsync(() => Task.FromResult(from.Network.ConnectedPeers.Contains(to.PeerId) && to.Network.ConnectedPeers.Contains(from.PeerId)));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
