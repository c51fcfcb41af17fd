namespace DePinGpu.Ipfs.DagPb;

/// <summary>A decoded or to-be-encoded dag-pb node (<c>PBNode</c>): its links and its optional Data bytes.</summary>
public sealed class PbNode
{
    /// <summary>Creates a node; <paramref name="data"/> null means the Data field is absent.</summary>
    public PbNode(IReadOnlyList<PbLink> links, ReadOnlyMemory<byte>? data)
    {
        ArgumentNullException.ThrowIfNull(links);
        Links = links;
        Data = data;
    }

    /// <summary>The links, in wire order.</summary>
    public IReadOnlyList<PbLink> Links { get; }

    /// <summary>The Data field (UnixFS nodes always have one), or null when absent.</summary>
    public ReadOnlyMemory<byte>? Data { get; }
}
