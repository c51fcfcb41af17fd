using CsCheck;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Tests.Multiformats;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "ff01")]
    [InlineData(300UL, "ac02")]
    [InlineData(16384UL, "808001")]
    [InlineData(421UL, "a503")]
    public void Encode_KnownValues_MatchSpecVectors(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Varint.Encode(value)));
        Assert.Equal(value, Varint.Read(Convert.FromHexString(hex), out var read));
        Assert.Equal(hex.Length / 2, read);
    }

    [Fact]
    public void RoundTrip_AnyValueUpTo63Bits_DecodesToSameValue()
    {
        Gen.ULong[0, long.MaxValue].Sample(value =>
        {
            var encoded = Varint.Encode(value);
            Assert.Equal(Varint.SizeOf(value), encoded.Length);
            Assert.Equal(value, Varint.Read(encoded, out var read));
            Assert.Equal(encoded.Length, read);
        });
    }

    [Theory]
    [InlineData("8000")]
    [InlineData("ff80808000")]
    [InlineData("80808080808080808001")]
    public void TryRead_NonMinimalOrOverlong_IsInvalid(string hex)
    {
        Assert.Equal(VarintStatus.Invalid, Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void TryRead_TruncatedInput_AsksForMoreData()
    {
        Assert.Equal(VarintStatus.NeedMoreData, Varint.TryRead(new byte[] { 0x80, 0x80 }, out _, out _));
        Assert.Equal(VarintStatus.NeedMoreData, Varint.TryRead(ReadOnlySpan<byte>.Empty, out _, out _));
    }

    [Fact]
    public void ReadLength_AboveLimit_Throws()
    {
        var error = Assert.Throws<FormatException>(() => Varint.ReadLength(Varint.Encode(5000), 4096, out _));
        Assert.Contains("4096", error.Message);
    }

    [Fact]
    public void Read_RandomBytes_NeverThrowsAnythingButFormatException()
    {
        Gen.Byte.Array[0, 12].Sample(bytes =>
        {
            try
            {
                Varint.Read(bytes, out _);
            }
            catch (FormatException)
            {
                // Expected for malformed input.
            }
        });
    }
}
