using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>A Bitswap node on a memory hub with a memory block store and its own pin database.</summary>
internal sealed class BitswapTestNode : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private BitswapTestNode(MemoryBitswapHub hub, BitswapNodeOptions? options)
    {
        Endpoint = hub.Join();
        Content = new ContentStore(Blocks, new ContentStoreOptions { PinDatabasePath = _folder.Combine("pins.db") });
        Node = new BitswapNode(Content, Endpoint, options);
    }

    public MemoryBlockStore Blocks { get; } = new();

    public ContentStore Content { get; }

    public MemoryBitswapEndpoint Endpoint { get; }

    public BitswapNode Node { get; }

    public static async Task<BitswapTestNode> StartAsync(MemoryBitswapHub hub, BitswapNodeOptions? options = null)
    {
        var node = new BitswapTestNode(hub, options);
        await node.Node.StartAsync(CancellationToken.None);
        return node;
    }

    public async Task<Cid> ImportAsync(byte[] content) => (await new UnixFsImporter().ImportBytesAsync(content, Blocks)).Cid;

    public async Task<byte[]> ReadFileAsync(Cid cid)
    {
        var output = new MemoryStream();
        await new UnixFsExporter(Blocks).WriteFileAsync(cid, output);
        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        Content.Dispose();
        _folder.Dispose();
    }
}
