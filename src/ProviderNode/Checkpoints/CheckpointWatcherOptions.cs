namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Settings of the checkpoint watcher (configuration section <c>Checkpoints</c>).</summary>
public sealed record CheckpointWatcherOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Checkpoints";

    /// <summary>Largest checkpoint folder accepted, in bytes of file content.</summary>
    public long MaxCheckpointBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Most files (and folders) in one checkpoint.</summary>
    public int MaxEntriesPerCheckpoint { get; init; } = 100_000;

    /// <summary>
    /// How often the folder is scanned even when no file-system notification came (bind mounts and some file systems
    /// do not deliver them).
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(1);
}
