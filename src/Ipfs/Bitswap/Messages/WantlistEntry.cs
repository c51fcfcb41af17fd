using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>One entry of a wantlist: a CID with what is wanted, or a cancel of an earlier want.</summary>
/// <param name="Cid">The block (CIDv0 or CIDv1 on the wire).</param>
/// <param name="Priority">Higher is served first; senders use 1 by default.</param>
/// <param name="Cancel">True to withdraw an earlier want of <paramref name="Cid"/>.</param>
/// <param name="WantType">Block or presence only.</param>
/// <param name="SendDontHave">Ask the server to answer DONT_HAVE when it lacks the block.</param>
public sealed record WantlistEntry(Cid Cid, int Priority, bool Cancel, WantType WantType, bool SendDontHave)
{
    /// <summary>A want-block with priority 1 that asks for DONT_HAVE.</summary>
    public static WantlistEntry WantBlock(Cid cid, int priority = 1) => new(cid, priority, false, WantType.Block, true);

    /// <summary>A want-have with priority 1 that asks for DONT_HAVE.</summary>
    public static WantlistEntry WantHave(Cid cid, int priority = 1) => new(cid, priority, false, WantType.Have, true);

    /// <summary>A cancel of any earlier want of <paramref name="cid"/>.</summary>
    public static WantlistEntry CancelWant(Cid cid) => new(cid, 0, true, WantType.Block, false);
}
