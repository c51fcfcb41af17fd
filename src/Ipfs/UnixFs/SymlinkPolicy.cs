namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// What the importer and exporter do with symbolic links. Links are never followed: following could escape the imported
/// folder, loop, or import a different file than the one that was checkpointed.
/// </summary>
public enum SymlinkPolicy
{
    /// <summary>Default: fail with an error naming the link (checkpoints should not contain links).</summary>
    Refuse = 0,

    /// <summary>Leave links out (and log each one).</summary>
    Skip = 1,

    /// <summary>
    /// Import: store the link as a UnixFS Symlink node holding its target text, as <c>ipfs add -r</c> does (same CIDs).
    /// Export: recreate the link with that target (the target is not checked; it may point anywhere).
    /// </summary>
    Preserve = 2,
}
