namespace DePinGpu.Ipfs.Blocks;

/// <summary>How much a block store holds.</summary>
/// <param name="BlockCount">Number of blocks.</param>
/// <param name="TotalBytes">Sum of the blocks' sizes in bytes (file-system overhead not counted).</param>
public readonly record struct BlockStoreUsage(long BlockCount, long TotalBytes);
