using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>A pin in Kubo's pin set.</summary>
/// <param name="Cid">The pinned CID.</param>
/// <param name="Type">Direct, indirect or recursive.</param>
/// <param name="Name">The pin's name, when it has one.</param>
public sealed record KuboPin(Cid Cid, KuboPinType Type, string? Name);
