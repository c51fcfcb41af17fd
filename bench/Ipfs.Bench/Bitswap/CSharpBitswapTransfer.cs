using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Hosting;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bench.Bitswap;

/// <summary>
/// C# → C#: a holder node and a fetcher node, each a full stack (libp2p host with TCP + Noise + Yamux on loopback,
/// Bitswap, content store on a memory block store) in this process. A run is one <see cref="BitswapClient.FetchAsync"/>
/// of the whole checkpoint DAG: every block verified, stored, and the root pinned. The first (cold) run starts the fetcher node;
/// later (warm) runs reuse it, which first unpins and garbage-collects the previous copy — what a standby does
/// when a new checkpoint replaces the old one — so it pays neither JIT warm-up nor the first touch of fresh memory.
/// </summary>
internal sealed class CSharpBitswapTransfer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Node _holder;
    private Node? _warmFetcher;

    private CSharpBitswapTransfer(string folder, Node holder, Cid root)
    {
        _folder = folder;
        _holder = holder;
        Root = root;
    }

    public Cid Root { get; }

    public static async Task<CSharpBitswapTransfer> StartAsync(string checkpoint, string scratch)
    {
        var holder = await Node.StartAsync(Path.Combine(scratch, "holder"));
        var root = (await new UnixFsImporter().ImportAsync(checkpoint, holder.Blocks)).Cid;
        return new CSharpBitswapTransfer(scratch, holder, root);
    }

    /// <summary>
    /// One fetch into the long-running fetcher, after it dropped the previous copy; the first call starts that node, so
    /// its fetch is the cold one. Returns the fetch result for checking.
    /// </summary>
    public async Task<(FetchResult Result, TransferSample Sample)> FetchAsync()
    {
        _warmFetcher ??= await StartConnectedFetcherAsync();
        if (await _warmFetcher.Ipfs.Content.UnpinAsync(Root))
        {
            var collected = await _warmFetcher.Ipfs.Content.CollectGarbageAsync();
            if (_warmFetcher.Blocks.GetUsage().BlockCount != 0)
            {
                throw new InvalidOperationException($"Garbage collection left {_warmFetcher.Blocks.GetUsage().BlockCount} of {collected.RemovedBlocks} blocks.");
            }

            // Between checkpoints a standby has time for the runtime to collect the old copy's memory; a full collection
            // here (outside the measured time) stands for that, so the next fetch reuses it as a long-running node does.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        FetchResult? result = null;
        var sample = await TransferSample.MeasureAsync(async () => result = await _warmFetcher.Ipfs.Bitswap.FetchAsync(Root));
        return (result!, sample);
    }

    public async ValueTask DisposeAsync()
    {
        if (_warmFetcher is not null)
        {
            await _warmFetcher.DisposeAsync();
        }

        await _holder.DisposeAsync();
    }

    private async Task<Node> StartConnectedFetcherAsync()
    {
        var fetcher = await Node.StartAsync(Path.Combine(_folder, "fetcher-" + Guid.NewGuid().ToString("N")[..8]));
        await fetcher.Ipfs.Host.DialAsync(_holder.Ipfs.Address);
        while (!fetcher.Ipfs.Network.ConnectedPeers.Contains(_holder.Ipfs.PeerId))
        {
            await Task.Delay(5);
        }

        return fetcher;
    }

    /// <summary>The shared <see cref="IpfsNode"/> composition over a memory block store, with its pin database in a folder.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private Node(string folder, MemoryBlockStore blocks, IpfsNode ipfs)
        {
            Folder = folder;
            Blocks = blocks;
            Ipfs = ipfs;
        }

        public string Folder { get; }

        public MemoryBlockStore Blocks { get; }

        public IpfsNode Ipfs { get; }

        public static async Task<Node> StartAsync(string folder)
        {
            Directory.CreateDirectory(folder);
            var blocks = new MemoryBlockStore();
            var node = await IpfsNode.StartAsync(blocks, new ContentStoreOptions { PinDatabasePath = Path.Combine(folder, "pins.db") });
            return new Node(folder, blocks, node);
        }

        public async ValueTask DisposeAsync()
        {
            await Ipfs.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
