using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.UnixFs.Hamt;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Resolves a content path (<c>/ipfs/{root}/a/b</c>) through plain and HAMT-sharded directories, reading only the
/// blocks on the way (for a shard, the shard nodes the name's hash leads through), each verified.
/// </summary>
public static class UnixFsPathResolver
{
    /// <summary>Most path segments resolved.</summary>
    public const int MaxSegments = 256;

    /// <summary>
    /// The CID the path names and the blocks read to get there, in order (what a verifier needs to check the path);
    /// null when some segment does not exist or passes through something that is not a directory.
    /// </summary>
    public static async Task<ResolvedPath?> ResolveAsync(
        IBlockStore store, Cid root, IReadOnlyList<string> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count > MaxSegments)
        {
            throw new ArgumentException($"A content path has at most {MaxSegments} segments.", nameof(segments));
        }

        var traversed = new List<Cid>();
        var current = root;
        foreach (var segment in segments)
        {
            if (await StepAsync(store, current, segment, traversed, cancellationToken).ConfigureAwait(false) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return new ResolvedPath(current, traversed);
    }

    private static async Task<Cid?> StepAsync(IBlockStore store, Cid directory, string name, List<Cid> traversed, CancellationToken cancellationToken)
    {
        if (directory.Codec != MulticodecCode.DagPb)
        {
            return null;
        }

        UnixFsNode node;
        using (var block = await DagWalker.ReadVerifiedAsync(store, directory, 0, cancellationToken).ConfigureAwait(false))
        {
            node = UnixFsNode.Decode(directory, block.Data);
        }

        switch (node.Type)
        {
            case UnixFsType.Directory:
                traversed.Add(directory);
                return node.Links.FirstOrDefault(link => string.Equals(link.Name, name, StringComparison.Ordinal))?.Hash;
            case UnixFsType.HamtShard:
                var entry = await HamtDirectoryReader.FindAsync(store, directory, name, traversed, cancellationToken).ConfigureAwait(false);
                return entry?.Cid;
            default:
                return null;
        }
    }
}
