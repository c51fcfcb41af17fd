namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>The wantlist part of a message: entries, and whether they replace the whole earlier list.</summary>
/// <param name="Entries">Wants and cancels, in wire order (a later entry for the same CID wins).</param>
/// <param name="Full">True when the entries are the sender's complete wantlist (earlier wants not listed are dropped).</param>
public sealed record BitswapWantlist(IReadOnlyList<WantlistEntry> Entries, bool Full);
