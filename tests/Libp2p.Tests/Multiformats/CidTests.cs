using System.Text;
using CsCheck;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Tests.Multiformats;

public sealed class CidTests
{
    [Fact]
    public void ForBlock_HelloWorldRaw_MatchesKuboVector()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, Encoding.UTF8.GetBytes("hello world\n"));

        Assert.Equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", cid.ToString());
        Assert.Equal("01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", Convert.ToHexStringLower(cid.Bytes));
    }

    [Fact]
    public void ForBlock_Empty_MatchesKuboEmptyFile()
    {
        Assert.Equal("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", Cid.ForBlock(MulticodecCode.Raw, []).ToString());
    }

    [Theory]
    [InlineData("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau", 1, MulticodecCode.DagPb)]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", 1, MulticodecCode.Raw)]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", 0, MulticodecCode.DagPb)]
    public void Parse_ThenToString_RoundTrips(string text, int version, ulong codec)
    {
        var cid = Cid.Parse(text);

        Assert.Equal(version, cid.Version);
        Assert.Equal(codec, cid.Codec);
        Assert.Equal(text, cid.ToString());
        Assert.Equal(cid, Cid.FromBytes(cid.Bytes));
    }

    [Fact]
    public void Parse_PeerIdCidForm_IsLibp2pKeyWithIdentityHash()
    {
        var cid = Cid.Parse("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");

        Assert.Equal(MulticodecCode.Libp2pKey, cid.Codec);
        Assert.Equal(MulticodecCode.Identity, cid.Hash.Code);
        Assert.Equal("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", cid.Hash.ToString());
    }

    [Fact]
    public void ToV1_OfV0_KeepsMultihashAndUsesDagPb()
    {
        var v1 = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o").ToV1();

        Assert.Equal(1, v1.Version);
        Assert.Equal(MulticodecCode.DagPb, v1.Codec);
        Assert.StartsWith("bafybei", v1.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("bafy")]
    [InlineData("Qm!!!")]
    [InlineData("xyz")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei")]
    public void Parse_Garbage_ThrowsFormatExceptionWithTheText(string text)
    {
        Assert.Throws<FormatException>(() => Cid.Parse(text));
        Assert.False(Cid.TryParse(text, out _));
    }

    [Fact]
    public void FromBytes_TrailingBytes_AreRejected()
    {
        var cid = Cid.ForBlock(MulticodecCode.Raw, [1, 2, 3]);
        var error = Assert.Throws<FormatException>(() => Cid.FromBytes([.. cid.Bytes, 0]));
        Assert.Contains("unexpected bytes", error.Message);
    }

    [Fact]
    public void RoundTrip_RandomBlocks_AllEncodings()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 2].Select(i => new[] { MulticodecCode.Raw, MulticodecCode.DagPb, MulticodecCode.DagCbor }[i]))
            .Sample((data, codec) =>
            {
                var cid = Cid.ForBlock(codec, data);
                Assert.Equal(cid, Cid.Parse(cid.ToString()));
                Assert.Equal(cid, Cid.Parse(cid.ToString(MultibaseEncoding.Base58Btc)));
                Assert.Equal(cid, Cid.FromBytes(cid.Bytes));
                Assert.True(cid.Hash.Matches(data));
            });
    }

    [Fact]
    public void FromBytes_RandomBytes_OnlyFormatExceptions()
    {
        Gen.Byte.Array[0, 48].Sample(bytes =>
        {
            try
            {
                Cid.FromBytes(bytes);
            }
            catch (FormatException)
            {
                // Malformed input is expected to be refused this way.
            }
        });
    }
}
