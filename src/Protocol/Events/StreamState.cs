namespace DePinGpu.Protocol.Events;

/// <summary>Where a stream stands: the next block to read, the last delivered block and recent delivered positions.</summary>
/// <param name="Next">Next block to read.</param>
/// <param name="Anchor">Last delivered block (null before the first delivery from block 0).</param>
/// <param name="History">Recent delivered positions, oldest first (for finding the ancestor after a reorg).</param>
internal sealed record StreamState(ulong Next, ChainPosition? Anchor, IReadOnlyList<ChainPosition> History);
