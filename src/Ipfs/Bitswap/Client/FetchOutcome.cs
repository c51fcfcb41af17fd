namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>How a DAG fetch ended.</summary>
public enum FetchOutcome
{
    /// <summary>Every block of the DAG is stored (and the root pinned when asked).</summary>
    Completed,

    /// <summary>Some blocks could not be obtained from any peer before the no-progress timeout.</summary>
    Unavailable,

    /// <summary>A block that hashed correctly is not a valid node (the DAG itself is broken), or uses a hash that cannot be verified.</summary>
    InvalidDag,
}
