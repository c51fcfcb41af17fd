using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// A block store view for one import or fetch (UnixFS import, CAR import, Bitswap or gateway download). Every block put
/// through it — and every existing block passed to <see cref="RetainAsync"/> — is held: garbage collection will not remove
/// it until the session is disposed, by which time the caller has pinned the root (<see cref="PinAsync"/>). Blocks of a
/// session abandoned without a pin are reclaimed by the next collection. Thread-safe.
/// </summary>
public sealed class ImportSession : IBlockStore, IAsyncDisposable
{
    private readonly ContentStore _owner;
    private readonly IBlockStore _blocks;
    private readonly RetentionRegistry _retention;
    private readonly HashSet<BlockKey> _held = [];
    private readonly Lock _gate = new();
    private int _disposed;

    internal ImportSession(ContentStore owner, IBlockStore blocks, RetentionRegistry retention, long id)
    {
        _owner = owner;
        _blocks = blocks;
        _retention = retention;
        Id = id;
    }

    /// <summary>A number identifying the session in logs.</summary>
    public long Id { get; }

    /// <summary>Distinct blocks this session holds.</summary>
    public int HeldBlockCount
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Holds a block that may already be stored; returns whether it is (a fetcher then skips downloading it).</summary>
    public async ValueTask<bool> RetainAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        await HoldAsync(cid).ConfigureAwait(false);
        return await _blocks.HasAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await HoldAsync(block.Cid).ConfigureAwait(false);
        return await _blocks.PutAsync(block, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes the store (durability per its fsync policy) and pins <paramref name="root"/>; see <see cref="ContentStore.PinAsync"/>.</summary>
    public async Task<Pin> PinAsync(Cid root, PinType type = PinType.Recursive, string? name = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _blocks.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await _owner.PinAsync(root, type, name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => _blocks.HasAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => _blocks.GetAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) => _blocks.RentAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => _blocks.GetSizeAsync(cid, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => _blocks.DeleteAsync(cid, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => _blocks.EnumerateAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _blocks.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public BlockStoreUsage GetUsage() => _blocks.GetUsage();

    /// <summary>Releases every hold; blocks not pinned by then become garbage.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        BlockKey[] held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        _retention.Release(held);
        _owner.SessionClosed(this, held.Length);
        return ValueTask.CompletedTask;
    }

    private Task HoldAsync(Cid cid)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var key = BlockKey.Of(cid.ToV1());
        lock (_gate)
        {
            // One registry hold per session and block, however often the block recurs (e.g. identical chunks); a repeat
            // still waits for a deletion that was already running when the first hold was taken.
            if (!_held.Add(key))
            {
                return _retention.PendingDeletion(key);
            }
        }

        return _retention.HoldAsync(key);
    }
}
