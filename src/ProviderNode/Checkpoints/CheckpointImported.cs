using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>A complete checkpoint, imported as UnixFS and pinned: ready to be announced and committed.</summary>
/// <param name="Lease">The lease and epoch.</param>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Path">The folder it was imported from.</param>
/// <param name="Cid">The folder's CID (as <c>ipfs add -r --cid-version=1 --raw-leaves</c> gives it).</param>
/// <param name="ContentBytes">Bytes of file content (the <c>sizeBytes</c> of the on-chain commit).</param>
/// <param name="BlockCount">Blocks the import wrote.</param>
public sealed record CheckpointImported(LeaseEpoch Lease, ulong Step, string Path, Cid Cid, ulong ContentBytes, long BlockCount)
    : CheckpointEvent(Lease, Step, Path);
