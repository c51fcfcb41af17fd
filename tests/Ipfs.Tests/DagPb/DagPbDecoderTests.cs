using CsCheck;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.DagPb;

public class DagPbDecoderTests
{
    private static readonly string CidHex = Convert.ToHexStringLower(Cid.ForBlock(MulticodecCode.Raw, "a"u8).Bytes);

    [Fact]
    public void Decode_ReferenceDirectory_ReadsLinksAndData()
    {
        var block = TestData.Hex("122f0a2401551220ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb1205612e74787418010a020801");

        var node = DagPbDecoder.Decode(block);

        var link = Assert.Single(node.Links);
        Assert.Equal("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm", link.Hash.ToString());
        Assert.Equal("a.txt", link.Name);
        Assert.Equal(1UL, link.Tsize);
        Assert.Equal(new byte[] { 8, 1 }, node.Data!.Value.ToArray());
    }

    [Fact]
    public void Decode_DataBeforeLinks_IsAcceptedAsLegacyOrder()
    {
        var node = DagPbDecoder.Decode(TestData.Hex($"0a020801 1226 0a24{CidHex}"));

        Assert.Single(node.Links);
        Assert.NotNull(node.Data);
    }

    [Theory]
    [InlineData("1226 0a24{0} 0a020801 1226 0a24{0}", "interleaves")]
    [InlineData("0a020801 0a020801", "duplicate Data")]
    [InlineData("1a00", "unknown field 3")]
    [InlineData("0801", "wire type")]
    [InlineData("1206 12046e616d65", "no Hash")]
    [InlineData("122a 1200 0a24{0} 1801", "out of order")]
    [InlineData("122a 0a24{0} 1801 1801", "duplicated")]
    [InlineData("1228 0a24{0} 2200", "unknown field 4")]
    [InlineData("1204 0a020102", "not a valid CID")]
    [InlineData("122a 0a24{0} 1202c328", "UTF-8")]
    [InlineData("1205 01", "announces")]
    [InlineData("12ff", "truncated")]
    [InlineData("0a05 0102", "announces")]
    [InlineData("1227 0a24{0} 18", "truncated")]
    public void Decode_MalformedNode_ThrowsFormatExceptionExplainingWhy(string hexTemplate, string expected)
    {
        var bytes = TestData.Hex(string.Format(System.Globalization.CultureInfo.InvariantCulture, hexTemplate, CidHex));

        var exception = Assert.ThrowsAny<FormatException>(() => DagPbDecoder.Decode(bytes));

        Assert.Contains(expected, exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EncodeThenDecode_RandomNodes_RoundTrip()
    {
        var link = Gen.Select(Gen.Byte.Array[0, 40], Gen.String[Gen.Char.AlphaNumeric, 0, 12].Null(), Gen.ULong[0, long.MaxValue].Nullable())
            .Select((content, name, tsize) => new PbLink(Cid.ForBlock(MulticodecCode.Raw, content), name, tsize));
        var node = Gen.Select(link.Array[0, 20], Gen.Byte.Array[0, 64].Null())
            .Select((links, data) => new PbNode(links.OrderBy(l => l.Name, Comparer<string?>.Create(DagPbEncoder.CompareNames)).ToArray(), data));

        node.Sample(original =>
        {
            var encoded = DagPbEncoder.Encode(original);
            var decoded = DagPbDecoder.Decode(encoded);
            Assert.Equal(original.Links, decoded.Links);
            Assert.Equal(original.Data?.ToArray(), decoded.Data?.ToArray());
            Assert.Equal(encoded, DagPbEncoder.Encode(decoded));
        }, iter: 500);
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrowsAnythingButFormatException()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            try
            {
                DagPbDecoder.Decode(bytes);
            }
            catch (FormatException)
            {
                // Rejection is the expected outcome for most random input.
            }
        }, iter: 5000);
    }
}
