using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Pins;

/// <summary>A stored pin.</summary>
/// <param name="Cid">The pinned CID (CIDv1).</param>
/// <param name="Type"><see cref="PinType.Direct"/> or <see cref="PinType.Recursive"/>.</param>
/// <param name="Name">A free-form label (for example "lease 7 step 1200"); empty when none.</param>
/// <param name="Created">When the pin was first added.</param>
public sealed record Pin(Cid Cid, PinType Type, string Name, DateTimeOffset Created);
