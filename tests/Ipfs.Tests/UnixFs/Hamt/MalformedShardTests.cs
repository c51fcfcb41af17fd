using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Ipfs.UnixFs.Hamt;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

/// <summary>Hand-made shards that break one rule each are refused with an error naming the rule, never read as a folder.</summary>
public sealed class MalformedShardTests
{
    private readonly MemoryBlockStore _store = new();

    [Theory]
    [InlineData(255UL, "fanout")]
    [InlineData(0UL, "fanout")]
    [InlineData(4UL, "fanout")]
    [InlineData(2048UL, "fanout")]
    public async Task BadFanout_IsRefused(ulong fanout, string named)
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var shard = await PutShardAsync(fanout, 0x22, BitfieldOf(0xAB), new PbLink(leaf, "ABname", 1));

        await AssertMalformedAsync(shard, named);
    }

    [Fact]
    public async Task MissingFanout_OrOtherHash_IsRefused()
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var noFanout = await PutShardAsync(null, 0x22, BitfieldOf(0xAB), new PbLink(leaf, "ABname", 1));
        var otherHash = await PutShardAsync(256, 0x12, BitfieldOf(0xAB), new PbLink(leaf, "ABname", 1));

        await AssertMalformedAsync(noFanout, "fanout is absent");
        await AssertMalformedAsync(otherHash, "hashType");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("ab")]
    [InlineData("A")]
    [InlineData("")]
    public async Task LinkNameWithoutPrefix_IsRefused(string linkName)
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var shard = await PutShardAsync(256, 0x22, BitfieldOf(0xAB), new PbLink(leaf, linkName, 1));

        await AssertMalformedAsync(shard, "bucket prefix");
    }

    [Fact]
    public async Task BitfieldThatDisagreesWithTheLinks_IsRefused()
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var tooMany = await PutShardAsync(256, 0x22, BitfieldOf(0xAB, 0x01), new PbLink(leaf, "ABname", 1));
        var otherBucket = await PutShardAsync(256, 0x22, BitfieldOf(0x01), new PbLink(leaf, "ABname", 1));

        await AssertMalformedAsync(tooMany, "marks 2 buckets");
        await AssertMalformedAsync(otherBucket, "not set in the bitfield");
    }

    [Fact]
    public async Task EntryInABucketItsNameDoesNotHashTo_IsRefused()
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var wrong = (HamtLayout.Kubo.BucketIndex(HamtLayout.HashOf("hello"), 0) + 1) % 256;
        var shard = await PutShardAsync(256, 0x22, BitfieldOf(wrong), new PbLink(leaf, HamtLayout.Kubo.Prefix(wrong) + "hello", 1));

        await AssertMalformedAsync(shard, "does not hash to");
    }

    [Fact]
    public async Task ShardReachedTwice_IsRefusedAsACycle()
    {
        // A hash-linked DAG cannot point back at itself, so a loop shows up to a reader as a shard it meets again.
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var hash = HamtLayout.HashOf("hello");
        var levelOne = HamtLayout.Kubo.BucketIndex(hash, 1);
        var child = await PutShardAsync(256, 0x22, BitfieldOf(levelOne), new PbLink(leaf, HamtLayout.Kubo.Prefix(levelOne) + "hello", 1));
        var top = HamtLayout.Kubo.BucketIndex(hash, 0);
        var other = (top + 1) % 256;
        var root = await PutShardAsync(256, 0x22, BitfieldOf(top, other),
            new PbLink(child, HamtLayout.Kubo.Prefix(top), 10), new PbLink(child, HamtLayout.Kubo.Prefix(other), 10));

        await AssertMalformedAsync(root, "reached twice");
    }

    [Fact]
    public async Task ShardDeeperThanTheHashBits_IsRefused()
    {
        // Nine levels of single-child shards: a fanout-256 HAMT has hash bits for eight.
        var current = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        current = await PutShardAsync(256, 0x22, BitfieldOf(0), new PbLink(current, "00name", 1));
        for (var level = 0; level < 8; level++)
        {
            current = await PutShardAsync(256, 0x22, BitfieldOf(0), new PbLink(current, "00", 1));
        }

        await AssertMalformedAsync(current, "deeper than");
    }

    [Fact]
    public async Task PathResolution_ThroughAMalformedShard_IsRefusedToo()
    {
        var leaf = await PutAsync(Block.Create(MulticodecCode.Raw, "x"u8.ToArray()));
        var shard = await PutShardAsync(255, 0x22, BitfieldOf(0xAB), new PbLink(leaf, "ABname", 1));

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => UnixFsPathResolver.ResolveAsync(_store, shard, ["name"]));

        Assert.Contains(shard.ToString(), exception.Message, StringComparison.Ordinal);
    }

    private async Task AssertMalformedAsync(Cid shard, string expected)
    {
        var exporter = new UnixFsExporter(_store);
        var exception = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in exporter.ListDirectoryAsync(shard))
            {
            }
        });

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains("HAMT shard", exception.Message, StringComparison.Ordinal);
    }

    private static byte[] BitfieldOf(params int[] buckets) => HamtBitfield.Encode(buckets, 256);

    private async Task<Cid> PutShardAsync(ulong? fanout, ulong hashType, byte[] bitfield, params PbLink[] links)
    {
        var data = UnixFsDataCodec.Encode(new UnixFsData { Type = UnixFsType.HamtShard, Data = bitfield, HashType = hashType, Fanout = fanout });
        return await PutAsync(Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(links, data))));
    }

    private async Task<Cid> PutAsync(Block block)
    {
        await _store.PutAsync(block);
        return block.Cid;
    }
}
