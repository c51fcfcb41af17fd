using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// The one check every block passes before it is stored or served: its bytes hash to its CID. A block that fails it is
/// refused with the CID named, and nothing is built from it.
/// </summary>
public sealed class BlockTests
{
    private static readonly byte[] Data = "a checkpoint shard"u8.ToArray();

    [Fact]
    public void TryVerify_MatchingBytes_GivesTheBlock()
    {
        var cid = Cid.CreateV1(MulticodecCode.Raw, Multihash.Sha256(Data));

        Assert.True(Block.TryVerify(cid, Data, out var block));

        Assert.Equal(cid, block.Cid);
        Assert.Equal(Data, block.Data.ToArray());
    }

    [Fact]
    public void TryVerify_BytesThatDoNotHashToTheCid_IsRefusedWithNoBlock()
    {
        var cid = Cid.CreateV1(MulticodecCode.Raw, Multihash.Sha256(Data));
        var altered = Data.ToArray();
        altered[^1] ^= 1;

        Assert.False(Block.TryVerify(cid, altered, out var block));
        Assert.Null(block);
    }

    [Fact]
    public void Verify_BytesThatDoNotHashToTheCid_ThrowsCorruptBlockNamingIt()
    {
        var cid = Cid.CreateV1(MulticodecCode.Raw, Multihash.Sha256(Data));

        var refused = Assert.Throws<CorruptBlockException>(() => Block.Verify(cid, "something else"u8.ToArray()));

        Assert.Equal(cid, refused.Cid);
        Assert.Equal($"Block {cid} is corrupt: its bytes do not hash to its CID. Delete it and fetch it again from a peer or gateway.", refused.Message);
    }

    [Fact]
    public void TryVerify_WithoutACid_IsRefusedAsAnArgumentError()
    {
        var thrown = Assert.Throws<ArgumentNullException>(() => Block.TryVerify(null!, Data, out _));

        Assert.Equal("cid", thrown.ParamName);
    }

    [Fact]
    public void Detach_CopiesTheBytes_SoTheOriginalBufferCanBeReused()
    {
        var buffer = Data.ToArray();
        var block = Block.Verify(Cid.CreateV1(MulticodecCode.Raw, Multihash.Sha256(buffer)), buffer);

        var detached = block.Detach();
        buffer[0] ^= 0xFF;

        Assert.Equal(Data, detached.Data.ToArray());
        Assert.Equal(block.Cid, detached.Cid);
    }
}
