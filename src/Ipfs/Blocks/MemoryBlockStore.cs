using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// An in-memory <see cref="IBlockStore"/> (copies every block). For tests, CID-only computations and short-lived caches;
/// the node uses <see cref="FileSystemBlockStore"/>.
/// </summary>
public sealed class MemoryBlockStore : IBlockStore
{
    private readonly ConcurrentDictionary<Cid, byte[]> _blocks = new();
    private long _totalBytes;

    /// <inheritdoc />
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(IsIdentity(cid) || _blocks.ContainsKey(cid.ToV1()));
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            return ValueTask.FromResult<byte[]?>(cid.Hash.Digest.ToArray());
        }

        return ValueTask.FromResult(_blocks.TryGetValue(cid.ToV1(), out var data) ? (byte[]?)data.ToArray() : null);
    }

    /// <inheritdoc />
    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            var inline = new PooledBlockMemory(cid.Hash.Digest.Length);
            cid.Hash.Digest.CopyTo(inline.Memory.Span);
            return ValueTask.FromResult<IMemoryOwner<byte>?>(inline);
        }

        // Stored arrays are never written after a put, so they are lent rather than copied.
        return ValueTask.FromResult<IMemoryOwner<byte>?>(_blocks.TryGetValue(cid.ToV1(), out var data) ? new LentBlockMemory(data) : null);
    }

    /// <inheritdoc />
    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            return ValueTask.FromResult<int?>(cid.Hash.Digest.Length);
        }

        return ValueTask.FromResult(_blocks.TryGetValue(cid.ToV1(), out var data) ? (int?)data.Length : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(block.Cid) || !_blocks.TryAdd(block.Cid.ToV1(), Copy(block.Data.Span)))
        {
            return ValueTask.FromResult(false);
        }

        Interlocked.Add(ref _totalBytes, block.Data.Length);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_blocks.TryRemove(cid.ToV1(), out var data))
        {
            return ValueTask.FromResult(false);
        }

        Interlocked.Add(ref _totalBytes, -data.Length);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var cid in _blocks.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public BlockStoreUsage GetUsage() => new(_blocks.Count, Interlocked.Read(ref _totalBytes));

    /// <summary>Replaces a stored block's bytes without any check — for corruption tests only.</summary>
    internal void Overwrite(Cid cid, byte[] data) => _blocks[cid.ToV1()] = data;

    private static byte[] Copy(ReadOnlySpan<byte> data)
    {
        // Uninitialized: every byte is overwritten at once, and zeroing 256 KiB blocks doubles the cost of a put.
        var copy = GC.AllocateUninitializedArray<byte>(data.Length);
        data.CopyTo(copy);
        return copy;
    }

    private static bool IsIdentity(Cid cid) => cid.Hash.Code == MulticodecCode.Identity;
}
