using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>What happened to one CAR root on import.</summary>
/// <param name="Cid">The root.</param>
/// <param name="Pinned">True when it was pinned recursively.</param>
/// <param name="PinError">Why it was not pinned (for example a block of its DAG is neither in the CAR nor in the store); null when pinned or not requested.</param>
public sealed record CarRootOutcome(Cid Cid, bool Pinned, string? PinError);
