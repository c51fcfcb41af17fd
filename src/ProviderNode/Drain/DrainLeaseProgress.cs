namespace DePinGpu.ProviderNode.Drain;

/// <summary>One lease's progress in a drain (served by <c>GET /admin/drain</c>).</summary>
/// <param name="LeaseId">The lease (decimal).</param>
/// <param name="Epoch">The epoch this node held.</param>
/// <param name="Kind">Stateful, Stateless, or unknown when the order could not be read.</param>
/// <param name="Stage">Where it stands.</param>
/// <param name="CheckpointStep">The step committed after the signal; null when none was.</param>
/// <param name="CheckpointCid">That checkpoint's CID.</param>
/// <param name="Problem">For <see cref="DrainStage.Failed"/>, or a note (no fresh checkpoint in time): one sentence.</param>
public sealed record DrainLeaseProgress(
    string LeaseId,
    long Epoch,
    string Kind,
    DrainStage Stage,
    long? CheckpointStep = null,
    string? CheckpointCid = null,
    string? Problem = null)
{
    /// <summary>True once nothing more happens to this lease in the drain.</summary>
    public bool IsFinal => Stage is DrainStage.Released or DrainStage.EndedOnItsOwn or DrainStage.Failed;
}
