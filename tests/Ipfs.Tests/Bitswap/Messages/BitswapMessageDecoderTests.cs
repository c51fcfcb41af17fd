using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public class BitswapMessageDecoderTests
{
    // Encoded by @helia/bitswap 4.0.19's own protobuf code (which writes explicit proto3 defaults such as "20 00").
    private const string HeliaWantsHex =
        "0a91010a2c0a2401551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a4471001200028010a2c0a2401701220837880fb2c7c9a8d3cd8072b8a66f2c4bf638c48bc913c7b3d8b8c8fc6cdb1051007200128000a310a22122046d44814b9c5af141c3aaab7c05dc5e844ead5f91f12858b021eba45768b4c0e10ffffffffffffffffff0118011001";

    private const string HeliaBlockHex =
        "0a0210001a140a0401551220120c68656c6c6f20776f726c640a22260a2401701220837880fb2c7c9a8d3cd8072b8a66f2c4bf638c48bc913c7b3d8b8c8fc6cdb10522260a22122046d44814b9c5af141c3aaab7c05dc5e844ead5f91f12858b021eba45768b4c0e100128ac02";

    [Fact]
    public void Decode_HeliaWantlist_ReadsEveryEntry()
    {
        var message = BitswapMessageDecoder.Decode(TestData.Hex(HeliaWantsHex));

        Assert.NotNull(message.Wantlist);
        Assert.True(message.Wantlist.Full);
        Assert.Collection(
            message.Wantlist.Entries,
            entry => Assert.Equal(new WantlistEntry(Vectors.Hello, 1, false, WantType.Block, true), entry),
            entry => Assert.Equal(new WantlistEntry(Vectors.PatternRoot, 7, false, WantType.Have, false), entry),
            entry => Assert.Equal(new WantlistEntry(Vectors.HelloV0, -1, true, WantType.Block, false), entry));
        Assert.Empty(message.Blocks);
        Assert.Empty(message.BlockPresences);
    }

    [Fact]
    public void Decode_HeliaBlockAndPresences_RebuildsVerifiedBlock()
    {
        var message = BitswapMessageDecoder.Decode(TestData.Hex(HeliaBlockHex));

        Assert.NotNull(message.Wantlist);
        Assert.False(message.Wantlist.Full);
        Assert.Empty(message.Wantlist.Entries);
        var block = Assert.Single(message.Blocks);
        Assert.Equal(new CidPrefix(1, MulticodecCode.Raw, MulticodecCode.Sha2_256, 32), block.Prefix);
        Assert.Equal(Vectors.Hello, block.Prefix.ToBlock(block.Data).Cid);
        Assert.Equal(TestData.Hello, block.Data.ToArray());
        Assert.Equal(
            [new BlockPresence(Vectors.PatternRoot, BlockPresenceType.Have), new BlockPresence(Vectors.HelloV0, BlockPresenceType.DontHave)],
            message.BlockPresences);
        Assert.Equal(300, message.PendingBytes);
    }

    [Fact]
    public void Decode_EmptyBody_IsAnEmptyMessage()
    {
        var message = BitswapMessageDecoder.Decode(ReadOnlyMemory<byte>.Empty);

        Assert.Null(message.Wantlist);
        Assert.True(message.IsEmpty);
    }

    [Fact]
    public void Decode_UnknownFields_AreSkipped()
    {
        // field 9 varint, field 10 bytes, field 11 fixed32, field 12 fixed64, then pendingBytes = 5.
        var bytes = TestData.Hex("4801 5202aabb 5d01020304 610102030405060708 2805");

        var message = BitswapMessageDecoder.Decode(bytes);

        Assert.Equal(5, message.PendingBytes);
    }

    [Fact]
    public void Decode_LegacyBlocksField_ReadsCidV0DagPbBlock()
    {
        var data = TestData.Hex("0a020801");
        var bytes = TestData.Hex("1204" + "0a020801");

        var block = Assert.Single(BitswapMessageDecoder.Decode(bytes).Blocks);

        Assert.Equal(Cid.ForBlock(MulticodecCode.DagPb, data), block.Prefix.ToBlock(block.Data).Cid);
        Assert.Equal(0, block.Prefix.Version);
    }

    [Theory]
    [InlineData("0a", "truncated")]
    [InlineData("0a05", "announces")]
    [InlineData("0a020a00", "CID")]
    [InlineData("0a040a021001", "no CID")]
    [InlineData("0a080a060a0401551220", "CID")]
    [InlineData("1a020a00", "prefix")]
    [InlineData("1a0412020102", "no CID prefix")]
    [InlineData("1a060a0402551220", "version")]
    [InlineData("1a060a0400551220", "CIDv0")]
    [InlineData("22020a00", "CID")]
    [InlineData("0a2a0a280a2401551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a4472002", "want type")]
    [InlineData("2228 0a2401701220837880fb2c7c9a8d3cd8072b8a66f2c4bf638c48bc913c7b3d8b8c8fc6cdb1051005", "presence type")]
    [InlineData("0a01", "announces")]
    [InlineData("08", "wire type")]
    [InlineData("0b", "wire type")]
    [InlineData("2a00", "wire type")]
    public void Decode_MalformedInput_ThrowsFormatExceptionSayingWhy(string hex, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => BitswapMessageDecoder.Decode(TestData.Hex(hex)));

        Assert.Contains(expected, exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decode_TooManyEntries_IsRefused()
    {
        var builder = new BitswapMessageBuilder();
        for (var index = 0; index < 5; index++)
        {
            builder.TryAddEntry(WantlistEntry.WantBlock(Cid.ForBlock(MulticodecCode.Raw, [(byte)index])));
        }

        var body = BitswapMessageEncoder.Encode(builder.ToMessage());
        var limits = new BitswapMessageLimits { MaxWantlistEntries = 4 };

        var exception = Assert.Throws<FormatException>(() => BitswapMessageDecoder.Decode(body, limits));
        Assert.Contains("more than 4 wantlist entries", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BodyOverTheSizeLimit_IsRefused()
    {
        var limits = new BitswapMessageLimits { MaxMessageSize = 8 };

        var exception = Assert.Throws<FormatException>(() => BitswapMessageDecoder.Decode(new byte[9], limits));

        Assert.Contains("exceeds the limit", exception.Message, StringComparison.Ordinal);
    }
}
