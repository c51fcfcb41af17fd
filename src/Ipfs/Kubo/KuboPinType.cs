namespace DePinGpu.Ipfs.Kubo;

/// <summary>Kubo pin types (<c>pin ls --type</c>).</summary>
public enum KuboPinType
{
    /// <summary>Every type (filter only).</summary>
    All,

    /// <summary>The block alone.</summary>
    Direct,

    /// <summary>Pinned because a recursive pin's DAG contains it.</summary>
    Indirect,

    /// <summary>The block and its whole DAG.</summary>
    Recursive,
}
