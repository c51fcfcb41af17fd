namespace DePinGpu.Ipfs.Blocks;

/// <summary>A put would exceed the block store's configured capacity.</summary>
public sealed class BlockStoreFullException : IOException
{
    /// <summary>Creates the exception.</summary>
    public BlockStoreFullException(long capacityBytes, long usedBytes, int blockSize)
        : base($"The block store is full: {usedBytes} of {capacityBytes} bytes used, a {blockSize}-byte block does not fit. " +
               "Unpin old content and run garbage collection, or raise CapacityBytes.")
    {
        CapacityBytes = capacityBytes;
        UsedBytes = usedBytes;
    }

    /// <summary>The configured capacity.</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes in use when the put was refused.</summary>
    public long UsedBytes { get; }
}
