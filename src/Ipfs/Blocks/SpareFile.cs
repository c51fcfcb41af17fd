namespace DePinGpu.Ipfs.Blocks;

/// <summary>A removed block's file kept for reuse by <see cref="BlockFileRecycler"/>: its path and its length.</summary>
internal readonly record struct SpareFile(string Path, long Length);
