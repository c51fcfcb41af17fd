using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// Builds small Kubo-shaped UnixFS DAGs (raw 256 KiB leaves under one dag-pb root, directories of named links) straight
/// from the core codecs, so the gateway tests do not depend on the importer. Checked against the reference vectors
/// (b) and (d) in <see cref="UnixFsFixtureTests"/>.
/// </summary>
internal static class UnixFsFixture
{
    public const int Chunk = 262144;

    /// <summary>Stores <paramref name="content"/> as a file (at most 174 chunks: one level); returns its CID and Tsize.</summary>
    public static async Task<(Cid Cid, ulong Tsize)> AddFileAsync(IBlockStore store, byte[] content, bool lieAboutSizes = false)
    {
        if (content.Length <= Chunk)
        {
            var leaf = Block.Create(MulticodecCode.Raw, content);
            await store.PutAsync(leaf);
            return (leaf.Cid, (ulong)content.Length);
        }

        var links = new List<PbLink>();
        var sizes = new List<ulong>();
        for (var offset = 0; offset < content.Length; offset += Chunk)
        {
            var chunk = content.AsMemory(offset, Math.Min(Chunk, content.Length - offset));
            var leaf = Block.Create(MulticodecCode.Raw, chunk);
            await store.PutAsync(leaf);
            links.Add(new PbLink(leaf.Cid, string.Empty, lieAboutSizes ? 1UL : (ulong)chunk.Length));
            sizes.Add((ulong)chunk.Length);
        }

        if (links.Count > 174)
        {
            throw new ArgumentException("The fixture builds single-level files only (at most 174 chunks).", nameof(content));
        }

        var data = UnixFsDataCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = (ulong)content.Length, BlockSizes = sizes });
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(links, data)));
        await store.PutAsync(root);
        return (root.Cid, (ulong)root.Data.Length + links.Aggregate(0UL, (sum, link) => sum + link.Tsize!.Value));
    }

    /// <summary>Stores a directory of already-stored entries; returns its CID and Tsize.</summary>
    public static async Task<(Cid Cid, ulong Tsize)> AddDirectoryAsync(IBlockStore store, params (string Name, Cid Cid, ulong Tsize)[] entries)
    {
        var links = entries.Select(entry => new PbLink(entry.Cid, entry.Name, entry.Tsize)).ToList();
        var node = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(links, UnixFsDataCodec.Encode(UnixFsData.Directory))));
        await store.PutAsync(node);
        return (node.Cid, (ulong)node.Data.Length + entries.Aggregate(0UL, (sum, entry) => sum + entry.Tsize));
    }

    /// <summary>Reference vector (d): a directory holding a.txt = "a" and b.bin = pattern(1 MiB).</summary>
    public static async Task<Cid> AddReferenceDirectoryAsync(IBlockStore store)
    {
        var a = await AddFileAsync(store, "a"u8.ToArray());
        var b = await AddFileAsync(store, Support.TestData.Pattern(Support.TestData.MiB));
        var directory = await AddDirectoryAsync(store, ("a.txt", a.Cid, a.Tsize), ("b.bin", b.Cid, b.Tsize));
        return directory.Cid;
    }
}
