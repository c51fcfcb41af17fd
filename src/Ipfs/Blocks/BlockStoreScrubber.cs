using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// Walks every block file once: counts blocks and bytes, and re-hashes those modified at or after a given time,
/// removing any that do not match their CID (recovery after a crash, or a full scrub).
/// </summary>
internal sealed class BlockStoreScrubber
{
    private readonly BlockFileLayout _layout;
    private readonly int _maxBlockSize;
    private readonly ILogger _logger;

    public BlockStoreScrubber(BlockFileLayout layout, int maxBlockSize, ILogger logger)
    {
        _layout = layout;
        _maxBlockSize = maxBlockSize;
        _logger = logger;
    }

    /// <summary>Result of a scrub: what remains, and what was checked and removed.</summary>
    public readonly record struct Outcome(long BlockCount, long TotalBytes, long Checked, long Removed);

    /// <summary>Re-hashes files written at or after <paramref name="verifySince"/> (UTC); removes bad ones with <paramref name="remove"/>.</summary>
    public Outcome Scrub(DateTime verifySince, Func<string, bool> remove, CancellationToken cancellationToken)
    {
        long count = 0, bytes = 0, checkedCount = 0, removed = 0;
        foreach (var shard in Directory.EnumerateDirectories(_layout.BlocksPath))
        {
            foreach (var file in new DirectoryInfo(shard).EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cid = BlockFileLayout.CidOfFile(file.FullName);
                if (cid is null)
                {
                    BlockStoreLog.UnrecognizedFile(_logger, file.FullName);
                    continue;
                }

                if (file.LastWriteTimeUtc >= verifySince)
                {
                    checkedCount++;
                    if (file.Length > _maxBlockSize || !cid.Hash.Matches(File.ReadAllBytes(file.FullName)))
                    {
                        if (remove(file.FullName))
                        {
                            removed++;
                        }

                        BlockStoreLog.CorruptBlockRemoved(_logger, cid.ToString());
                        continue;
                    }
                }

                count++;
                bytes += file.Length;
            }
        }

        return new Outcome(count, bytes, checkedCount, removed);
    }
}
