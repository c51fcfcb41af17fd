using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public class CidPrefixTests
{
    [Theory]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", "01551220")]
    [InlineData("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau", "01701220")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", "00701220")]
    public void Of_ReferenceCids_GivesSpecPrefixes(string cid, string expected)
    {
        var prefix = CidPrefix.Of(Cid.Parse(cid));

        Assert.Equal(expected, Convert.ToHexStringLower(prefix.ToArray()));
        Assert.Equal(prefix, CidPrefix.Parse(prefix.ToArray()));
    }

    [Fact]
    public void ToBlock_HashesTheBytesIntoTheCid()
    {
        var block = CidPrefix.Parse(TestData.Hex("01551220")).ToBlock(TestData.Hello);

        Assert.Equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", block.Cid.ToString());
    }

    [Fact]
    public void ToBlock_CidV0Prefix_NamesTheSameBlockAsTheV0Cid()
    {
        var v0 = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        var data = TestData.Hex("0a120802120c68656c6c6f20776f726c640a180c");

        var block = CidPrefix.Of(v0).ToBlock(data);

        Assert.Equal(v0.ToV1(), block.Cid);
        Assert.True(Block.TryVerify(v0, data, out _));
    }

    [Fact]
    public void ToBlock_ChangedByte_GivesADifferentCid()
    {
        var data = TestData.Hello;
        data[0] ^= 1;

        var block = CidPrefix.Of(Vectors.Hello).ToBlock(data);

        Assert.NotEqual(Vectors.Hello, block.Cid);
    }

    [Fact]
    public void ToBlock_UnverifiableHash_IsRefused()
    {
        var prefix = new CidPrefix(1, MulticodecCode.Raw, 0x13, 64);

        Assert.False(prefix.CanVerify);
        Assert.Throws<NotSupportedException>(() => prefix.ToBlock(TestData.Hello));
    }

    [Theory]
    [InlineData("", "version")]
    [InlineData("01", "codec")]
    [InlineData("015512", "digest length")]
    [InlineData("0155122000", "unexpected")]
    [InlineData("02551220", "version 2")]
    [InlineData("01551280808080808080808001", "not a valid varint")]
    [InlineData("0155128080", "digest length")]
    [InlineData("015512ff0f", "exceeds")]
    [InlineData("00551220", "CIDv0")]
    public void Parse_Malformed_ThrowsFormatException(string hex, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => CidPrefix.Parse(TestData.Hex(hex)));

        Assert.Contains(expected, exception.Message, StringComparison.OrdinalIgnoreCase);
    }
}
