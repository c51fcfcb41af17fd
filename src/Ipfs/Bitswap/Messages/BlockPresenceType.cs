namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>The answer to a want-have (or to a want with <c>sendDontHave</c>).</summary>
public enum BlockPresenceType
{
    /// <summary>The sender has the block.</summary>
    Have = 0,

    /// <summary>The sender does not have the block.</summary>
    DontHave = 1,
}
