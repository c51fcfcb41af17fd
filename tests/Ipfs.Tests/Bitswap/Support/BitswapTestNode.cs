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

    public BitswapTestNode(MemoryBitswapHub hub, BitswapNodeOptions? options = null)
    {
        Endpoint = hub.Join();
        Content = new ContentStore(Blocks, new ContentStoreOptions { PinDatabasePath = _folder.Combine("pins.db") });
        Node = new BitswapNode(Content, Endpoint, options);
        Node.Start();
    }

    public MemoryBlockStore Blocks { get; } = new();

    public ContentStore Content { get; }

    public MemoryBitswapEndpoint Endpoint { get; }

    public BitswapNode Node { get; }

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
