using CsCheck;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.UnixFs;

public class UnixFsDataCodecTests
{
    [Fact]
    public void Encode_FileRootOfPattern_MatchesReferenceBytes()
    {
        var data = new UnixFsData { Type = UnixFsType.File, FileSize = 1048576, BlockSizes = [262144, 262144, 262144, 262144] };

        Assert.Equal("08021880804020808010208080102080801020808010", Convert.ToHexStringLower(UnixFsDataCodec.Encode(data)));
    }

    [Fact]
    public void Encode_Directory_IsExactlyTypeOne()
    {
        Assert.Equal("0801", Convert.ToHexStringLower(UnixFsDataCodec.Encode(UnixFsData.Directory)));
    }

    [Fact]
    public void Encode_Symlink_WritesTargetAsDataField()
    {
        var data = new UnixFsData { Type = UnixFsType.Symlink, Data = "a/b"u8.ToArray() };

        Assert.Equal("0804 1203 612f62".Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexStringLower(UnixFsDataCodec.Encode(data)));
    }

    [Fact]
    public void Decode_PackedBlockSizes_AreAccepted()
    {
        var decoded = UnixFsDataCodec.Decode(TestData.Hex("0802 1804 2202 0202"));

        Assert.Equal([2UL, 2UL], decoded.BlockSizes);
        Assert.Equal(4UL, decoded.FileSize);
    }

    [Fact]
    public void Decode_UnknownField_IsSkipped()
    {
        Assert.Equal(UnixFsType.File, UnixFsDataCodec.Decode(TestData.Hex("0802 4801")).Type);
    }

    [Theory]
    [InlineData("1801", "no Type")]
    [InlineData("0809", "unknown")]
    [InlineData("08020802", "duplicate")]
    [InlineData("0a00", "wire type")]
    [InlineData("0802 1801 1801", "duplicate")]
    [InlineData("0802 1205 01", "announces")]
    [InlineData("0802 4200", "no Seconds")]
    public void Decode_Malformed_ThrowsFormatException(string hex, string expected)
    {
        var exception = Assert.ThrowsAny<FormatException>(() => UnixFsDataCodec.Decode(TestData.Hex(hex)));

        Assert.Contains(expected, exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EncodeThenDecode_RandomMessages_RoundTrip()
    {
        var generator = Gen.Select(Gen.Int[0, 5], Gen.Byte.Array[0, 30].Null(), Gen.ULong[0, long.MaxValue].Nullable(), Gen.ULong[0, 1UL << 40].Array[0, 8])
            .Select(Gen.UInt.Nullable(), Gen.Long.Nullable(), Gen.UInt[0, 999_999_999].Nullable(), (head, mode, seconds, nanos) => new UnixFsData
            {
                Type = (UnixFsType)head.Item1,
                Data = head.Item2,
                FileSize = head.Item3,
                BlockSizes = head.Item4,
                Mode = mode,
                ModificationTime = seconds is { } s ? new UnixTime(s, nanos) : null,
            });

        generator.Sample(original =>
        {
            var encoded = UnixFsDataCodec.Encode(original);
            var decoded = UnixFsDataCodec.Decode(encoded);
            Assert.Equal(original.Type, decoded.Type);
            Assert.Equal(original.Data?.ToArray(), decoded.Data?.ToArray());
            Assert.Equal(original.FileSize, decoded.FileSize);
            Assert.Equal(original.BlockSizes, decoded.BlockSizes);
            Assert.Equal(original.Mode, decoded.Mode);
            Assert.Equal(original.ModificationTime, decoded.ModificationTime);
            Assert.Equal(encoded, UnixFsDataCodec.Encode(decoded));
        }, iter: 500);
    }
}
