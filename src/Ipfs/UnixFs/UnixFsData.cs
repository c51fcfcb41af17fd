namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// The UnixFS <c>Data</c> message carried in a dag-pb node's Data field. Encode and decode with
/// <see cref="UnixFsDataCodec"/>.
/// </summary>
public sealed record UnixFsData
{
    /// <summary>The node type (required on the wire).</summary>
    public required UnixFsType Type { get; init; }

    /// <summary>Inline bytes: file bytes of dag-pb leaves, a symlink target, a HAMT bitfield; null when absent.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>Total file size of this subtree (File and Raw nodes); null when absent.</summary>
    public ulong? FileSize { get; init; }

    /// <summary>File size of each child, in link order (File nodes).</summary>
    public IReadOnlyList<ulong> BlockSizes { get; init; } = [];

    /// <summary>HAMT hash function (0x22 murmur3-x64-64); null when absent.</summary>
    public ulong? HashType { get; init; }

    /// <summary>HAMT fanout; null when absent.</summary>
    public ulong? Fanout { get; init; }

    /// <summary>POSIX mode bits; null when absent (Kubo does not write it by default).</summary>
    public uint? Mode { get; init; }

    /// <summary>Modification time; null when absent (Kubo does not write it by default).</summary>
    public UnixTime? ModificationTime { get; init; }

    /// <summary>The Data message of a directory node: exactly <c>08 01</c>.</summary>
    public static UnixFsData Directory { get; } = new() { Type = UnixFsType.Directory };
}
