using CsCheck;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Tests.Multiformats;

public sealed class BaseEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("0000", "11")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29", "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp")]
    [InlineData("002508021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99", "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY")]
    public void Base58Btc_KnownVectors_EncodeAndDecode(string hex, string text)
    {
        Assert.Equal(text, Base58Btc.Encode(Convert.FromHexString(hex)));
        Assert.Equal(hex, Convert.ToHexStringLower(Base58Btc.Decode(text)));
    }

    [Fact]
    public void Base58Btc_RoundTrip_AnyBytes()
    {
        Gen.Byte.Array[0, 80].Sample(bytes => Assert.Equal(bytes, Base58Btc.Decode(Base58Btc.Encode(bytes))));
    }

    [Theory]
    [InlineData("0OIl")]
    [InlineData("abc!")]
    public void Base58Btc_InvalidCharacter_NamesIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => Base58Btc.Decode(text));
        Assert.Contains("not a base58btc character", error.Message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("66", "my")]
    [InlineData("666f", "mzxq")]
    [InlineData("666f6f", "mzxw6")]
    [InlineData("666f6f62", "mzxw6yq")]
    [InlineData("666f6f6261", "mzxw6ytb")]
    [InlineData("666f6f626172", "mzxw6ytboi")]
    public void Base32Lower_Rfc4648Vectors_WithoutPadding(string hex, string text)
    {
        Assert.Equal(text, Base32Lower.Encode(Convert.FromHexString(hex)));
        Assert.Equal(hex, Convert.ToHexStringLower(Base32Lower.Decode(text)));
        Assert.Equal(hex, Convert.ToHexStringLower(Base32Lower.Decode(text.ToUpperInvariant())));
    }

    [Fact]
    public void Base32Lower_RoundTrip_AnyBytes()
    {
        Gen.Byte.Array[0, 100].Sample(bytes => Assert.Equal(bytes, Base32Lower.Decode(Base32Lower.Encode(bytes))));
    }

    [Theory]
    [InlineData("m1")]
    [InlineData("mzxw6yr")]
    [InlineData("a")]
    public void Base32Lower_BadCharacterOrTrailingBits_Throws(string text)
    {
        Assert.Throws<FormatException>(() => Base32Lower.Decode(text));
    }

    [Fact]
    public void Multibase_UnknownPrefix_IsRejected()
    {
        var error = Assert.Throws<FormatException>(() => Multibase.Decode("Qabc"));
        Assert.Contains("prefix 'Q'", error.Message);
    }

    [Theory]
    [InlineData(MultibaseEncoding.Base32Lower)]
    [InlineData(MultibaseEncoding.Base58Btc)]
    [InlineData(MultibaseEncoding.Base16Lower)]
    public void Multibase_RoundTrip_EveryEncoding(MultibaseEncoding encoding)
    {
        Gen.Byte.Array[0, 64].Sample(bytes => Assert.Equal(bytes, Multibase.Decode(Multibase.Encode(encoding, bytes))));
    }
}
