using System.Buffers;
using System.Collections.Concurrent;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>A block store that counts which blocks were read, so a test can check that a range read touched only what it needs.</summary>
internal sealed class CountingBlockStore : IBlockStore
{
    private readonly IBlockStore _inner;
    private readonly ConcurrentDictionary<Cid, int> _reads = new();

    public CountingBlockStore(IBlockStore inner)
    {
        _inner = inner;
    }

    public IReadOnlyCollection<Cid> Read => _reads.Keys.ToList();

    public void Reset() => _reads.Clear();

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.HasAsync(cid, cancellationToken);

    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(cid.ToV1(), 1, (_, count) => count + 1);
        return _inner.GetAsync(cid, cancellationToken);
    }

    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(cid.ToV1(), 1, (_, count) => count + 1);
        return _inner.RentAsync(cid, cancellationToken);
    }

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.GetSizeAsync(cid, cancellationToken);

    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default) => _inner.PutAsync(block, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => _inner.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => _inner.GetUsage();
}
