using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>A root named in an imported CAR's header, and whether Kubo could pin it.</summary>
/// <param name="Cid">The root.</param>
/// <param name="PinError">Kubo's reason when pinning failed (the DAG under the root is incomplete), else null.</param>
public sealed record KuboImportedRoot(Cid Cid, string? PinError)
{
    /// <summary>True when the root is pinned (or pinning was not asked for).</summary>
    public bool Pinned => string.IsNullOrEmpty(PinError);
}
