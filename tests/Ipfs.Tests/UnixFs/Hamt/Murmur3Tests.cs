using System.Text;
using DePinGpu.Ipfs.UnixFs.Hamt;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

public sealed class Murmur3Tests
{
    // Expected values printed by @multiformats/murmur3 (murmur3128.encode, the hash Helia's importer uses): h1 then h2,
    // each big-endian. They cover the empty input, tails of 1..15 bytes, one and more 16-byte blocks, and non-ASCII UTF-8.
    [Theory]
    [InlineData("", "00000000000000000000000000000000")]
    [InlineData("a", "85555565f6597889e6b53a48510e895a")]
    [InlineData("hello", "cbd8a7b341bd9b025b1e906a48ae1d19")]
    [InlineData("hello world", "533f6046eb7f610eab97467d60eb63b1")]
    [InlineData("The quick brown fox jumps over the lazy dog", "e34bbc7bbc071b6c7a433ca9c49a9347")]
    [InlineData("0123456789abcdef", "4be06d94cf4ad1a787c35b5c63a708da")]
    [InlineData("0123456789abcdefg", "8e32612daa45f9de0800f4c206c372ee")]
    [InlineData("f00001", "43e88a1e6f74f740c5ffd1860fb0df64")]
    [InlineData("checkpoint-00042.bin", "3e06c4d3b9329f7f378266f42cb013ad")]
    [InlineData("é日本", "f820ce21274cb667c3ed7452ea6bd030")]
    public void Hash128_MatchesTheJavaScriptImplementation(string input, string expected)
    {
        var (high, low) = Murmur3.Hash128(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, $"{high:x16}{low:x16}");
        Assert.Equal(high, HamtLayout.HashOf(input));
    }

    [Fact]
    public void BucketIndex_ReadsTheHashMostSignificantByteFirst()
    {
        var layout = HamtLayout.Kubo;
        var hash = HamtLayout.HashOf("hello");

        Assert.Equal(0xcb, layout.BucketIndex(hash, 0));
        Assert.Equal(0xd8, layout.BucketIndex(hash, 1));
        Assert.Equal(0x02, layout.BucketIndex(hash, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.BucketIndex(hash, 8));
        Assert.Equal("CB", layout.Prefix(0xcb));
        Assert.Equal("0A", layout.Prefix(10));
    }

    [Theory]
    [InlineData(16, 0xc, 1)]
    [InlineData(1024, 0x32f, 3)]
    public void SmallerAndLargerFanouts_TakeTheirOwnBitWidth(int fanout, int firstIndex, int prefixLength)
    {
        var layout = HamtLayout.ForFanout((ulong)fanout);

        Assert.Equal(firstIndex, layout.BucketIndex(HamtLayout.HashOf("hello"), 0));
        Assert.Equal(prefixLength, layout.PrefixLength);
    }

    [Theory]
    [InlineData("0A", true, 10)]
    [InlineData("FFname", true, 255)]
    [InlineData("0a", false, 0)]
    [InlineData("G0", false, 0)]
    [InlineData("F", false, 0)]
    [InlineData("", false, 0)]
    public void TryParsePrefix_AcceptsOnlyUpperCaseHex(string name, bool valid, int index)
    {
        Assert.Equal(valid, HamtLayout.Kubo.TryParsePrefix(name, out var parsed));
        Assert.Equal(index, valid ? parsed : 0);
    }
}
