namespace DePinGpu.Ipfs.Storage;

/// <summary>What a garbage collection did.</summary>
/// <param name="RemovedBlocks">Blocks deleted.</param>
/// <param name="RemovedBytes">Bytes freed.</param>
/// <param name="KeptBlocks">Blocks kept because a pin reaches them.</param>
/// <param name="HeldBlocks">Unpinned blocks kept because an import session holds them.</param>
/// <param name="MissingPinnedBlocks">Blocks a recursive pin reaches that are not in the store (the pinned DAG is damaged).</param>
/// <param name="Duration">Wall-clock time taken.</param>
public sealed record GcResult(long RemovedBlocks, long RemovedBytes, long KeptBlocks, long HeldBlocks, long MissingPinnedBlocks, TimeSpan Duration);
