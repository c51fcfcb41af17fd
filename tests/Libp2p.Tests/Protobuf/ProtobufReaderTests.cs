using CsCheck;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.Tests.Protobuf;

public sealed class ProtobufReaderTests
{
    [Fact]
    public void Writer_ThenReader_RoundTripsFieldsInOrder()
    {
        var encoded = new ProtobufWriter().WriteVarint(1, 300).WriteBytes(2, [9, 8]).WriteString(3, "héllo").WriteBool(4, true).ToArray();

        Assert.Equal("08ac02" + "12020908" + "1a0668c3a96c6c6f" + "2001", Convert.ToHexStringLower(encoded));
        var reader = new ProtobufReader(encoded);
        Assert.True(reader.TryReadTag(out var field, out var type));
        Assert.Equal((1, 300UL), (field, reader.ReadVarint(type)));
        Assert.True(reader.TryReadTag(out field, out type));
        Assert.Equal(new byte[] { 9, 8 }, reader.ReadBytes(type).ToArray());
        Assert.True(reader.TryReadTag(out field, out type));
        Assert.Equal("héllo", reader.ReadString(type));
        Assert.True(reader.TryReadTag(out field, out type));
        Assert.True(reader.ReadBool(type));
        Assert.False(reader.TryReadTag(out _, out _));
    }

    [Theory]
    [InlineData("0a05010203")]
    [InlineData("08")]
    [InlineData("0b")]
    [InlineData("00")]
    [InlineData("08ffffffffffffffffffff01")]
    [InlineData("0a02c328")]
    public void Reader_MalformedInput_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => ReadAll(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Reader_RandomBytes_OnlyEverThrowsFormatException()
    {
        Gen.Byte.Array[0, 64].Sample(
            bytes =>
            {
                try
                {
                    ReadAll(bytes);
                }
                catch (FormatException)
                {
                    // Expected for most random input.
                }
            },
            iter: 10000);
    }

    private static void ReadAll(byte[] bytes)
    {
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var type))
        {
            if (type == ProtobufWireType.LengthDelimited && field == 1)
            {
                reader.ReadString(type);
            }
            else
            {
                reader.Skip(type);
            }
        }
    }
}
