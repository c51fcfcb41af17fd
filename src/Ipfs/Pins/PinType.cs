namespace DePinGpu.Ipfs.Pins;

/// <summary>How a CID is pinned (Kubo's pin types).</summary>
public enum PinType
{
    /// <summary>Only this block is kept.</summary>
    Direct = 0,

    /// <summary>This block and every block reachable from it are kept.</summary>
    Recursive = 1,

    /// <summary>Kept because a recursive pin reaches it (reported by queries, never stored).</summary>
    Indirect = 2,
}
