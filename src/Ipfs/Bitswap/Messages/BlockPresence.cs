using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>HAVE or DONT_HAVE for one CID.</summary>
/// <param name="Cid">The block the answer is about.</param>
/// <param name="Type">Whether the sender has it.</param>
public sealed record BlockPresence(Cid Cid, BlockPresenceType Type);
