namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Why a checkpoint folder was not handed on.</summary>
public enum CheckpointRejection
{
    /// <summary>No <c>.complete</c> file, and a later checkpoint completed (or the workload ended) first.</summary>
    Incomplete,

    /// <summary>Over the size or entry limit.</summary>
    TooLarge,

    /// <summary>Its step is not above the last committed step (or the last one handed on).</summary>
    NotNewer,

    /// <summary>It holds something a checkpoint may not: a symbolic link, a device, an unreadable file.</summary>
    Unacceptable,
}
