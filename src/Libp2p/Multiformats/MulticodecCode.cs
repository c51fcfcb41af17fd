namespace DePinGpu.Libp2p.Multiformats;

/// <summary>Multicodec table entries used by this code base.</summary>
public static class MulticodecCode
{
    /// <summary>Identity multihash.</summary>
    public const ulong Identity = 0x00;

    /// <summary>SHA2-256 multihash.</summary>
    public const ulong Sha2_256 = 0x12;

    /// <summary>Raw bytes (UnixFS raw leaves).</summary>
    public const ulong Raw = 0x55;

    /// <summary>MerkleDAG protobuf (UnixFS nodes).</summary>
    public const ulong DagPb = 0x70;

    /// <summary>MerkleDAG CBOR (CAR headers).</summary>
    public const ulong DagCbor = 0x71;

    /// <summary>A libp2p public key (peer ids in CID form).</summary>
    public const ulong Libp2pKey = 0x72;
}
