namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>What a wantlist entry asks for (<c>Wantlist.Entry.wantType</c>; absent on the wire means <see cref="Block"/>).</summary>
public enum WantType
{
    /// <summary>Send me the block.</summary>
    Block = 0,

    /// <summary>Tell me whether you have the block (a small block may be sent instead).</summary>
    Have = 1,
}
