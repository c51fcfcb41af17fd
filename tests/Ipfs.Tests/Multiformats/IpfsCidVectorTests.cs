using CsCheck;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Multiformats;

/// <summary>The CID facts of ipfs-formats.md that the IPFS code relies on, checked against the shared multiformats.</summary>
public class IpfsCidVectorTests
{
    [Fact]
    public void RawCidOfHello_HasTheReferenceBinaryAndText()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, TestData.Hello);

        Assert.Equal("01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", Convert.ToHexStringLower(cid.Bytes));
        Assert.Equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", cid.ToString());
        Assert.Equal(cid, Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"));
    }

    [Fact]
    public void DagPbCidOfPatternRoot_HasTheReferenceBinary()
    {
        var cid = Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau");

        Assert.Equal("01701220837880fb2c7c9a8d3cd8072b8a66f2c4bf638c48bc913c7b3d8b8c8fc6cdb105", Convert.ToHexStringLower(cid.Bytes));
        Assert.Equal(MulticodecCode.DagPb, cid.Codec);
        Assert.Equal(36, cid.Bytes.Length);
    }

    [Theory]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")]
    [InlineData("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD")]
    public void LegacyCidV0_ParsesAsDagPbAndRoundTrips(string text)
    {
        var cid = Cid.Parse(text);

        Assert.Equal(0, cid.Version);
        Assert.Equal(MulticodecCode.DagPb, cid.Codec);
        Assert.Equal(text, cid.ToString());
        Assert.Equal("bafybei", cid.ToV1().ToString()[..7]);
        Assert.Equal(cid, Cid.Read(cid.Bytes, out var read));
        Assert.Equal(34, read);
    }

    [Fact]
    public void AnyRawBlock_CidTextAndBinaryRoundTrip()
    {
        Gen.Byte.Array[0, 300].Sample(data =>
        {
            var cid = Cid.ForBlock(MulticodecCode.Raw, data);
            Assert.StartsWith("bafkrei", cid.ToString(), StringComparison.Ordinal);
            Assert.Equal(cid, Cid.Parse(cid.ToString()));
            Assert.Equal(cid, Cid.FromBytes(cid.Bytes));
            Assert.True(cid.Hash.Matches(data));
        }, iter: 300);
    }
}
