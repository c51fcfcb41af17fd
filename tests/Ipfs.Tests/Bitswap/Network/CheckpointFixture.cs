using System.Security.Cryptography;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Network;

/// <summary>
/// A 200 MiB checkpoint folder (four 50 MiB weight shards and a config file), imported once per test class; tests copy
/// its verified blocks into holder stores.
/// </summary>
public sealed class CheckpointFixture : IDisposable
{
    public const int ShardSize = 50 * 1024 * 1024;
    public const int ShardCount = 4;

    private readonly TemporaryDirectory _folder = new();

    public CheckpointFixture()
    {
        var checkpoint = _folder.Combine("checkpoint");
        Directory.CreateDirectory(checkpoint);
        var random = new Random(20260101);
        var shard = new byte[ShardSize];
        for (var index = 1; index <= ShardCount; index++)
        {
            random.NextBytes(shard);
            var name = $"model-0000{index}-of-0000{ShardCount}.safetensors";
            File.WriteAllBytes(Path.Combine(checkpoint, name), shard);
            FileHashes[name] = Convert.ToHexStringLower(SHA256.HashData(shard));
        }

        var config = """{"architectures":["TestForCausalLM"],"hidden_size":4096}"""u8.ToArray();
        File.WriteAllBytes(Path.Combine(checkpoint, "config.json"), config);
        FileHashes["config.json"] = Convert.ToHexStringLower(SHA256.HashData(config));

        var store = new MemoryBlockStore();
        Root = new UnixFsImporter().ImportAsync(checkpoint, store).GetAwaiter().GetResult().Cid;
        foreach (var cid in store.EnumerateAsync().ToBlockingEnumerable())
        {
            Blocks.Add(Block.Verify(cid, store.GetAsync(cid).AsTask().GetAwaiter().GetResult()!));
        }

        Directory.Delete(checkpoint, recursive: true);
    }

    /// <summary>The checkpoint directory's CID.</summary>
    public Cid Root { get; }

    /// <summary>Every block of the DAG.</summary>
    public List<Block> Blocks { get; } = [];

    /// <summary>SHA-256 (hex) of each file, by name.</summary>
    public Dictionary<string, string> FileHashes { get; } = [];

    /// <summary>Blocks bigger than a DAG node: the file data.</summary>
    public IEnumerable<Block> Leaves => Blocks.Where(block => block.Cid.Codec == MulticodecCode.Raw);

    /// <summary>The dag-pb nodes (file roots, internal nodes, the directory).</summary>
    public IEnumerable<Block> Nodes => Blocks.Where(block => block.Cid.Codec != MulticodecCode.Raw);

    public void Dispose() => _folder.Dispose();
}
