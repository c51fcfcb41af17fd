namespace DePinGpu.Ipfs.Blocks;

/// <summary>How the file-system block store makes blocks durable against power loss and kernel crashes.</summary>
public enum FsyncPolicy
{
    /// <summary>
    /// Default. Blocks are written without fsync; <see cref="IBlockStore"/> flushes (one <c>syncfs</c>) happen when an
    /// import session commits. A marker file records the unflushed window, and after a crash every block written in it
    /// is re-hashed on open and removed if corrupt, so a torn block is never served.
    /// </summary>
    Batched = 0,

    /// <summary>Each block's data is fsynced before it is renamed into place (slowest; never even a torn write).</summary>
    PerBlock = 1,

    /// <summary>No fsync and no recovery marker: for caches, tests and benchmarks only (no power-loss protection).</summary>
    None = 2,
}
