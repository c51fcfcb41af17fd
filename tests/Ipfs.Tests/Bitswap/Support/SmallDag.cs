using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>A UnixFS file of a root and a few 1 KiB raw leaves, held in memory so probes can answer wants by hand.</summary>
internal sealed class SmallDag
{
    private SmallDag(Cid root, IReadOnlyList<Cid> leaves, MemoryBlockStore store)
    {
        Root = root;
        Leaves = leaves;
        Store = store;
    }

    public Cid Root { get; }

    /// <summary>The root's links in order, the order the fetch discovers and queues them.</summary>
    public IReadOnlyList<Cid> Leaves { get; }

    public MemoryBlockStore Store { get; }

    public static async Task<SmallDag> CreateAsync(int leaves, int seed)
    {
        var store = new MemoryBlockStore();
        var importer = new UnixFsImporter(new ImportOptions { ChunkSize = 1024 });
        var root = (await importer.ImportBytesAsync(TestData.Random(leaves * 1024, seed), store)).Cid;
        return new SmallDag(root, DagLinks.Of(root, await DataAsync(store, root)), store);
    }

    public async Task<byte[]> DataOfAsync(Cid cid) => await DataAsync(Store, cid);

    private static async Task<byte[]> DataAsync(MemoryBlockStore store, Cid cid) =>
        await store.GetAsync(cid) ?? throw new InvalidOperationException($"{cid} is not in the DAG.");
}
