namespace DePinGpu.Ipfs.UnixFs;

/// <summary>What an export wrote to disk.</summary>
/// <param name="ContentSize">File bytes written.</param>
/// <param name="FileCount">Files written.</param>
/// <param name="DirectoryCount">Folders created (the root included when it is a folder).</param>
public readonly record struct ExportResult(ulong ContentSize, long FileCount, long DirectoryCount);
