namespace DePinGpu.Ipfs.Blocks;

/// <summary>Thread-safe block count and byte total, with capacity reservation before a write.</summary>
internal sealed class BlockStoreAccounting
{
    private readonly long? _capacityBytes;
    private long _blockCount;
    private long _totalBytes;

    public BlockStoreAccounting(long? capacityBytes)
    {
        _capacityBytes = capacityBytes;
    }

    public BlockStoreUsage Usage => new(Interlocked.Read(ref _blockCount), Interlocked.Read(ref _totalBytes));

    public void Reset(long blockCount, long totalBytes)
    {
        Interlocked.Exchange(ref _blockCount, blockCount);
        Interlocked.Exchange(ref _totalBytes, totalBytes);
    }

    /// <summary>Counts <paramref name="length"/> bytes before they are written; throws when over capacity.</summary>
    public void Reserve(int length)
    {
        var used = Interlocked.Add(ref _totalBytes, length);
        if (_capacityBytes is { } capacity && used > capacity)
        {
            Interlocked.Add(ref _totalBytes, -length);
            throw new BlockStoreFullException(capacity, used - length, length);
        }
    }

    /// <summary>Undoes a reservation whose block was not stored.</summary>
    public void Release(int length) => Interlocked.Add(ref _totalBytes, -length);

    /// <summary>A reserved block was stored.</summary>
    public void Added() => Interlocked.Increment(ref _blockCount);

    /// <summary>A stored block of <paramref name="length"/> bytes was removed.</summary>
    public void Removed(long length)
    {
        Interlocked.Decrement(ref _blockCount);
        Interlocked.Add(ref _totalBytes, -length);
    }
}
