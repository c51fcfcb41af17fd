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
    /// How often the folder is scanned when no file-system notification came: a safety net, since notifications
    /// announce every checkpoint where they are delivered (local file systems, Docker bind mounts on Linux).
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the folder is scanned where notifications are off or were found unreliable (a rescan found a
    /// checkpoint none announced: NFS, some FUSE file systems), and while the content store is failing.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether to watch for file-system notifications; false polls every <see cref="PollInterval"/>.</summary>
    public bool UseNotifications { get; init; } = true;
}
