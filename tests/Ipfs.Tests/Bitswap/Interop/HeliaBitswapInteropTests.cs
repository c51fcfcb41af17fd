using System.Security.Cryptography;
using System.Text.Json;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Bitswap.Interop;

/// <summary>Our Bitswap against Helia 7 / @helia/bitswap 4 over real libp2p connections on loopback, both directions.</summary>
public class HeliaBitswapInteropTests
{
    [Fact]
    public async Task HeliaFetchesAFileFromOurNode()
    {
        await using var ours = await HostBitswapNode.StartAsync();
        using var folder = new TemporaryDirectory();
        var content = TestData.Random((46 * TestData.MiB) + 12345, seed: 41);
        await File.WriteAllBytesAsync(folder.Combine("weights.bin"), content);
        var expectedCid = (await HeliaImportCidsAsync(folder.Combine("weights.bin")))[folder.Combine("weights.bin")];
        var cid = (await new UnixFsImporter().ImportBytesAsync(content, ours.Blocks)).Cid;
        await using var helia = await HeliaBitswapPeer.StartAsync();
        await helia.DialAsync(ours.Address);

        var (length, sha256) = await helia.CatAsync(expectedCid);

        Assert.Equal(expectedCid, cid.ToString());
        Assert.Equal(content.Length, length);
        Assert.Equal(Sha256(content), sha256);
        Assert.True(await helia.HasAsync(expectedCid));
    }

    [Fact]
    public async Task HeliaFetchesADirectoryFromOurNode()
    {
        await using var ours = await HostBitswapNode.StartAsync();
        using var folder = new TemporaryDirectory();
        var files = WriteCheckpointFolder(folder);
        var expectedCids = await HeliaImportCidsAsync([folder.Combine("ckpt"), .. files.Keys.Select(name => folder.Combine("ckpt", name))]);
        var cid = (await new UnixFsImporter().ImportAsync(folder.Combine("ckpt"), ours.Blocks)).Cid;
        await using var helia = await HeliaBitswapPeer.StartAsync();
        await helia.DialAsync(ours.Address);

        var entries = await helia.ListAsync(expectedCids[folder.Combine("ckpt")]);

        Assert.Equal(expectedCids[folder.Combine("ckpt")], cid.ToString());
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), entries.Select(entry => entry.GetProperty("name").GetString()!));
        foreach (var entry in entries)
        {
            var name = entry.GetProperty("name").GetString()!;
            Assert.Equal(files[name].Length, entry.GetProperty("length").GetInt64());
            Assert.Equal(Sha256(files[name]), entry.GetProperty("sha256").GetString());
            Assert.Equal(expectedCids[folder.Combine("ckpt", name)], entry.GetProperty("cid").GetString());
        }
    }

    [Fact]
    public async Task OurNodeFetchesAFileFromHelia()
    {
        using var folder = new TemporaryDirectory();
        var content = TestData.Random((46 * TestData.MiB) + 777, seed: 42);
        await File.WriteAllBytesAsync(folder.Combine("weights.bin"), content);
        await using var helia = await HeliaBitswapPeer.StartAsync();
        var heliaCid = await helia.AddAsync(folder.Combine("weights.bin"));
        await using var ours = await HostBitswapNode.StartAsync();
        await ours.Host.DialAsync(helia.Address);

        var result = await ours.Node.FetchAsync(Cid.Parse(heliaCid));

        Assert.True(result.IsComplete, result.Error);
        Assert.True(result.Pinned);
        Assert.Equal(heliaCid, (await new UnixFsImporter().ImportBytesAsync(content, new MemoryBlockStore())).Cid.ToString());
        var output = new MemoryStream();
        await new UnixFsExporter(ours.Blocks).WriteFileAsync(Cid.Parse(heliaCid), output);
        Assert.Equal(content, output.ToArray());
    }

    [Fact]
    public async Task OurNodeFetchesADirectoryFromHelia()
    {
        using var folder = new TemporaryDirectory();
        var files = WriteCheckpointFolder(folder);
        await using var helia = await HeliaBitswapPeer.StartAsync();
        var heliaCid = await helia.AddAsync(folder.Combine("ckpt"));
        await using var ours = await HostBitswapNode.StartAsync();
        await ours.Host.DialAsync(helia.Address);

        var result = await ours.Node.FetchAsync(Cid.Parse(heliaCid));

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(heliaCid, (await new UnixFsImporter().ImportAsync(folder.Combine("ckpt"), new MemoryBlockStore())).Cid.ToString());
        var exporter = new UnixFsExporter(ours.Blocks);
        var entries = await exporter.ListDirectoryAsync(Cid.Parse(heliaCid)).ToListAsync();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), entries.Select(entry => entry.Name));
        foreach (var entry in entries)
        {
            var output = new MemoryStream();
            await exporter.WriteFileAsync(entry.Cid, output);
            Assert.Equal(files[entry.Name], output.ToArray());
        }
    }

    /// <summary>A small checkpoint folder: a multi-chunk shard, a one-chunk file, a tiny config and an empty file.</summary>
    private static Dictionary<string, byte[]> WriteCheckpointFolder(TemporaryDirectory folder)
    {
        var files = new Dictionary<string, byte[]>
        {
            ["model.safetensors"] = TestData.Random((3 * TestData.MiB) + 4321, seed: 43),
            ["tokenizer.json"] = TestData.Random(200_000, seed: 44),
            ["config.json"] = """{"hidden_size":64}"""u8.ToArray(),
            ["empty.txt"] = [],
        };
        Directory.CreateDirectory(folder.Combine("ckpt"));
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(folder.Combine("ckpt", name), bytes);
        }

        return files;
    }

    /// <summary>
    /// The CIDs Helia's own importer (Kubo options, no network) gives each path: the expectation comes from the independent
    /// side, not from the importer under test.
    /// </summary>
    private static async Task<Dictionary<string, string>> HeliaImportCidsAsync(params string[] paths)
    {
        var cids = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var importer = ExternalProcess.StartNodeScript("helia-cids.mjs", paths);
        while (await importer.ReadLineAsync(TimeSpan.FromMinutes(3)) is var line && line != "done")
        {
            using var json = JsonDocument.Parse(line);
            cids[json.RootElement.GetProperty("path").GetString()!] = json.RootElement.GetProperty("cid").GetString()!;
        }

        return cids;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
