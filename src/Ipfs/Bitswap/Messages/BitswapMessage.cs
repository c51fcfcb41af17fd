namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// A decoded Bitswap 1.2.0 message (<c>Message</c> in the spec's proto3 schema): an optional wantlist, blocks, block
/// presences and the sender's pending byte count.
/// </summary>
public sealed class BitswapMessage
{
    /// <summary>The sender's wants and cancels, or null when the message carries none.</summary>
    public BitswapWantlist? Wantlist { get; init; }

    /// <summary>Blocks (field 3 <c>payload</c>; 1.0.0 field 2 blocks are read as CIDv0 dag-pb blocks).</summary>
    public IReadOnlyList<BitswapBlock> Blocks { get; init; } = [];

    /// <summary>HAVE / DONT_HAVE answers.</summary>
    public IReadOnlyList<BlockPresence> BlockPresences { get; init; } = [];

    /// <summary>Bytes the sender still has queued for the receiver (informational).</summary>
    public int PendingBytes { get; init; }

    /// <summary>True when the message carries nothing a receiver must act on.</summary>
    public bool IsEmpty => (Wantlist is null || (Wantlist.Entries.Count == 0 && !Wantlist.Full)) && Blocks.Count == 0 && BlockPresences.Count == 0;
}
