namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// A block as carried by a message (<c>payload</c>): the CID prefix and the bytes. The CID is not on the wire; the
/// receiver rebuilds it by hashing the bytes (<see cref="CidPrefix.ToBlock"/>), which is also what verifies them.
/// </summary>
/// <param name="Prefix">Version, codec and multihash type and length of the block's CID.</param>
/// <param name="Data">The block's bytes (a slice of the received message buffer; copy it to keep it).</param>
public sealed record BitswapBlock(CidPrefix Prefix, ReadOnlyMemory<byte> Data);
