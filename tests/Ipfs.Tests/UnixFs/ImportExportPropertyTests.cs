using CsCheck;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.UnixFs;

/// <summary>Import then export is the identity, for random folder trees and random byte ranges.</summary>
public sealed class ImportExportPropertyTests : IDisposable
{
    // Small chunks and fan-out so that modest files already build multi-level trees.
    private static readonly ImportOptions DeepTrees = new() { ChunkSize = 1024, MaxLinksPerNode = 3 };
    private static readonly Gen<string> Names = Gen.OneOf<string>("a", "B", "c.txt", ".dot", "é", "日本", "x y", "long-name-0123456789", "Z", "ß");
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private abstract record Node;

    private sealed record FileNode(byte[] Content) : Node;

    private sealed record FolderNode(IReadOnlyDictionary<string, Node> Children) : Node;

    private static Gen<Node> Trees(int depth)
    {
        var file = Gen.Int[0, 12_000].SelectMany(size => Gen.Byte.Array[size]).Select(bytes => (Node)new FileNode(bytes));
        if (depth == 0)
        {
            return file;
        }

        var folder = Gen.Select(Names, Trees(depth - 1)).Array[0, 5]
            .Select(entries => (Node)new FolderNode(entries.GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.First().Item2)));
        return Gen.Frequency((2, file), (1, folder));
    }

    [Fact]
    public void ImportThenExport_RandomTrees_ReproducesEveryByteAndCid()
    {
        var trees = Gen.Select(Names, Trees(3).Array[1, 5]).Select((_, roots) => (Node)new FolderNode(
            roots.Select((node, index) => ("entry" + index, node)).ToDictionary(p => p.Item1, p => p.node)));

        trees.Sample(tree =>
        {
            var source = _folder.Combine(Guid.NewGuid().ToString("N"));
            Write(tree, source);
            var store = new MemoryBlockStore();
            var imported = new UnixFsImporter(DeepTrees).ImportAsync(source, store).GetAwaiter().GetResult();
            var copy = source + "-copy";

            var exported = new UnixFsExporter(store).ExportAsync(imported.Cid, copy).GetAwaiter().GetResult();

            Assert.Equal(imported.ContentSize, exported.ContentSize);
            AssertSame(tree, copy);
            Assert.Equal(imported.Cid, new UnixFsImporter(DeepTrees).ImportAsync(copy, new MemoryBlockStore()).GetAwaiter().GetResult().Cid);
        }, iter: 40);
    }

    [Fact]
    public void WriteFile_RandomRanges_EqualTheSlice()
    {
        var cases = Gen.Int[0, 40_000].SelectMany(size => Gen.Select(Gen.Byte.Array[size], Gen.Int[0, size + 10], Gen.Int[0, size + 10].Nullable()));

        cases.Sample((content, offset, length) =>
        {
            var store = new MemoryBlockStore();
            var imported = new UnixFsImporter(DeepTrees).ImportBytesAsync(content, store).GetAwaiter().GetResult();
            using var output = new MemoryStream();

            new UnixFsExporter(store).WriteFileAsync(imported.Cid, output, (ulong)offset, (ulong?)length).GetAwaiter().GetResult();

            var from = Math.Min(offset, content.Length);
            var to = length is { } count ? Math.Min(content.Length, offset + count) : content.Length;
            Assert.Equal(content.AsSpan(from, Math.Max(0, to - from)).ToArray(), output.ToArray());
        }, iter: 300);
    }

    private static void Write(Node node, string path)
    {
        switch (node)
        {
            case FileNode file:
                File.WriteAllBytes(path, file.Content);
                break;
            case FolderNode folder:
                Directory.CreateDirectory(path);
                foreach (var (name, child) in folder.Children)
                {
                    Write(child, Path.Combine(path, name));
                }

                break;
        }
    }

    private static void AssertSame(Node node, string path)
    {
        switch (node)
        {
            case FileNode file:
                Assert.Equal(file.Content, File.ReadAllBytes(path));
                break;
            case FolderNode folder:
                Assert.Equal(folder.Children.Keys.Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                foreach (var (name, child) in folder.Children)
                {
                    AssertSame(child, Path.Combine(path, name));
                }

                break;
        }
    }
}
