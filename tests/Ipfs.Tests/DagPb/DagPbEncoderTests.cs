using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.DagPb;

public class DagPbEncoderTests
{
    private const string PatternRootHex = """
        122c0a240155122031a1f9dea0169551092d05e8bf4a446228c8c3eb4c9b713c66adcb7fd53c89be120018808010
        122c0a2401551220e31bdc63577fe76f6441014aaaa2226d9ffce11b44d0d510cade132b79fd7d76120018808010
        122c0a2401551220c7f1bde9e1efa7d1385d51b077ea87b0c3860d28da43d5d6f221e845c4c2360f120018808010
        122c0a2401551220aa1444be4b64098f5dd863b5b0ac561480b3fb5c41fc07cf50a62edc94124bcc120018808010
        0a1608021880804020808010208080102080801020808010
        """;

    private const string DirectoryHex = """
        122f0a2401551220ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb1205612e7478741801
        12310a2401701220837880fb2c7c9a8d3cd8072b8a66f2c4bf638c48bc913c7b3d8b8c8fc6cdb1051205622e62696e18d08140
        0a020801
        """;

    [Fact]
    public void Encode_PatternFileRoot_MatchesReferenceBlockAndCid()
    {
        var pattern = TestData.Pattern(TestData.MiB);
        var links = Enumerable.Range(0, 4)
            .Select(index => new PbLink(Cid.ForBlock(MulticodecCode.Raw, pattern.AsSpan(index * TestData.Chunk, TestData.Chunk)), string.Empty, TestData.Chunk))
            .ToArray();
        var data = UnixFsDataCodec.Encode(new UnixFsData
        {
            Type = UnixFsType.File,
            FileSize = TestData.MiB,
            BlockSizes = [TestData.Chunk, TestData.Chunk, TestData.Chunk, TestData.Chunk],
        });

        var block = DagPbEncoder.Encode(new PbNode(links, data));

        Assert.Equal(208, block.Length);
        Assert.Equal(Convert.ToHexStringLower(TestData.Hex(PatternRootHex)), Convert.ToHexStringLower(block));
        Assert.Equal("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau", Cid.ForBlock(MulticodecCode.DagPb, block).ToString());
    }

    [Fact]
    public void Encode_DirectoryWithUnsortedLinks_SortsByNameAndMatchesReference()
    {
        var fileRoot = Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau");
        var small = Cid.Parse("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm");
        var node = new PbNode([new PbLink(fileRoot, "b.bin", 1048784), new PbLink(small, "a.txt", 1)], UnixFsDataCodec.Encode(UnixFsData.Directory));

        var block = DagPbEncoder.Encode(node);

        Assert.Equal(104, block.Length);
        Assert.Equal(Convert.ToHexStringLower(TestData.Hex(DirectoryHex)), Convert.ToHexStringLower(block));
        Assert.Equal("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me", Cid.ForBlock(MulticodecCode.DagPb, block).ToString());
    }

    [Fact]
    public void Encode_WrapperOfHello_MatchesReference()
    {
        var hello = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
        var block = DagPbEncoder.Encode(new PbNode([new PbLink(hello, "hello.txt", 12)], UnixFsDataCodec.Encode(UnixFsData.Directory)));

        Assert.Equal("12330a2401551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447120968656c6c6f2e747874180c0a020801", Convert.ToHexStringLower(block));
        Assert.Equal("bafybeidhkumeonuwkebh2i4fc7o7lguehauradvlk57gzake6ggjsy372a", Cid.ForBlock(MulticodecCode.DagPb, block).ToString());
    }

    [Fact]
    public void Encode_EmptyDirectory_MatchesReferenceCid()
    {
        var block = DagPbEncoder.Encode(new PbNode([], UnixFsDataCodec.Encode(UnixFsData.Directory)));

        Assert.Equal("0a020801", Convert.ToHexStringLower(block));
        Assert.Equal("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", Cid.ForBlock(MulticodecCode.DagPb, block).ToString());
    }

    [Fact]
    public void Encode_NullNameAndTsize_OmitsFields_EmptyNameWritesTwelveZero()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, "x"u8);
        var absent = DagPbEncoder.Encode(new PbNode([new PbLink(cid, null, null)], null));
        var empty = DagPbEncoder.Encode(new PbNode([new PbLink(cid, string.Empty, null)], null));

        Assert.Equal(2 + 2 + 36, absent.Length);
        Assert.Equal("1200", Convert.ToHexStringLower(empty.AsSpan(empty.Length - 2)));
    }

    [Fact]
    public void Encode_EqualNames_KeepsOriginalOrder()
    {
        var first = Cid.ForBlock(MulticodecCode.Raw, "1"u8);
        var second = Cid.ForBlock(MulticodecCode.Raw, "2"u8);
        var block = DagPbEncoder.Encode(new PbNode([new PbLink(second, "", 1), new PbLink(first, "", 1)], null));

        var decoded = DagPbDecoder.Decode(block);

        Assert.Equal([second, first], decoded.Links.Select(link => link.Hash));
    }
}
