using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>What the committer decided about one imported checkpoint.</summary>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Cid">Its CID.</param>
/// <param name="Kind">The decision.</param>
/// <param name="Holders">Standbys that held it when the decision was made.</param>
/// <param name="Reason">Why, for anything but a commit.</param>
public sealed record CheckpointCommitOutcome(ulong Step, Cid Cid, CheckpointCommitOutcomeKind Kind, int Holders, string? Reason);
