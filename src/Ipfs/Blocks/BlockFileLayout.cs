using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// Where blocks live on disk: <c>blocks/&lt;shard&gt;/&lt;cidv1 base32&gt;</c>, the shard being the two characters before
/// the last one of the CID text (like Kubo's flatfs <c>next-to-last/2</c>: 10 bits of digest, 1024 folders).
/// New blocks are written under <c>tmp/</c> and renamed into place, so a block file is always complete.
/// </summary>
internal sealed class BlockFileLayout
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public BlockFileLayout(string rootPath)
    {
        RootPath = Path.GetFullPath(rootPath);
        BlocksPath = Path.Combine(RootPath, "blocks");
        TemporaryPath = Path.Combine(RootPath, "tmp");
        LockFilePath = Path.Combine(RootPath, "store.lock");
        UnflushedMarkerPath = Path.Combine(RootPath, "unflushed-since");
    }

    public string RootPath { get; }

    public string BlocksPath { get; }

    public string TemporaryPath { get; }

    public string LockFilePath { get; }

    public string UnflushedMarkerPath { get; }

    /// <summary>
    /// Creates the store's folders, every shard folder included: creating a shard on a block's first use doubles the
    /// file-system entries a new store's first imports create (up to 1,024 folders), a cost that belongs to the store,
    /// not to an import.
    /// </summary>
    public void CreateFolders()
    {
        Directory.CreateDirectory(BlocksPath);
        Directory.CreateDirectory(TemporaryPath);
        foreach (var first in Base32Alphabet)
        {
            foreach (var second in Base32Alphabet)
            {
                Directory.CreateDirectory(Path.Combine(BlocksPath, new string([first, second])));
            }
        }
    }

    /// <summary>The file of <paramref name="cid"/> (v0 and v1 dag-pb share one file).</summary>
    public string PathOf(Cid cid)
    {
        var name = cid.ToV1().ToString();
        return Path.Combine(BlocksPath, ShardOf(name), name);
    }

    public string NewTemporaryPath() => Path.Combine(TemporaryPath, Guid.NewGuid().ToString("N") + ".tmp");

    /// <summary>Parses a block file name back into its CID; null for a file that is not a block.</summary>
    public static Cid? CidOfFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('b') && Cid.TryParse(name, out var cid) && cid is not null && cid.ToString() == name ? cid : null;
    }

    private static string ShardOf(string name) => name.Substring(name.Length - 3, 2);
}
