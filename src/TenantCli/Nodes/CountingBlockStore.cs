using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>A block store that reports the bytes of every block newly put into it (a download's progress).</summary>
internal sealed class CountingBlockStore : IBlockStore
{
    private readonly IBlockStore _inner;
    private readonly Action<long> _stored;
    private long _bytes;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="stored"/> gets the running total after each new block.</summary>
    public CountingBlockStore(IBlockStore inner, Action<long> stored)
    {
        _inner = inner;
        _stored = stored;
    }

    /// <inheritdoc />
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.HasAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.GetAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.RentAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.GetSizeAsync(cid, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        var added = await _inner.PutAsync(block, cancellationToken).ConfigureAwait(false);
        if (added)
        {
            _stored(Interlocked.Add(ref _bytes, block.Data.Length));
        }

        return added;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => _inner.DeleteAsync(cid, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => _inner.EnumerateAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public BlockStoreUsage GetUsage() => _inner.GetUsage();
}
