using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.Tests.Protobuf;

public sealed class ProtobufSpanWriterTests
{
    [Fact]
    public void SpanWriter_WritesTheSameBytesAsTheGrowingWriter_AndProtobufSizeMatches()
    {
        var expected = new ProtobufWriter().WriteVarint(1, 300).WriteBytes(2, [9, 8]).WriteString(3, "héllo").WriteVarint(20, ulong.MaxValue).ToArray();
        var size = ProtobufSize.VarintField(1, 300) + ProtobufSize.LengthDelimitedField(2, 2) + ProtobufSize.StringField(3, "héllo") + ProtobufSize.VarintField(20, ulong.MaxValue);
        var buffer = new byte[size];
        var writer = new ProtobufSpanWriter(buffer);

        writer.WriteVarintField(1, 300);
        writer.WriteBytesField(2, [9, 8]);
        writer.WriteStringField(3, "héllo");
        writer.WriteVarintField(20, ulong.MaxValue);

        Assert.Equal(size, writer.Position);
        Assert.Equal(expected, buffer);
    }

    [Fact]
    public void SpanWriter_LengthPrefixRemainingAndFixed32_ReadBackThroughTheReader()
    {
        var buffer = new byte[ProtobufSize.LengthDelimitedField(1, 3) + ProtobufSize.Fixed32Field(2)];
        var writer = new ProtobufSpanWriter(buffer);
        writer.WriteLengthPrefix(1, 3);
        new byte[] { 7, 7, 7 }.CopyTo(writer.Remaining);
        writer.Advance(3);
        writer.WriteFixed32Field(2, 0xDEADBEEF);

        Assert.Equal("0a03070707" + "15efbeadde", Convert.ToHexStringLower(buffer));
        var reader = new ProtobufReader(buffer);
        Assert.True(reader.TryReadTag(out _, out var type));
        ProtobufReader.Expect(type, ProtobufWireType.LengthDelimited, "field 1");
        Assert.Equal((2, 3), reader.ReadLengthDelimited());
        Assert.Equal(5, reader.Position);
        Assert.True(reader.TryReadTag(out _, out type));
        Assert.Equal(ProtobufWireType.Fixed32, type);
        Assert.Equal(0xDEADBEEFu, reader.ReadFixed32());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void SpanWriter_FieldNumberZero_Throws()
    {
        var buffer = new byte[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtobufSpanWriter(buffer).WriteVarintField(0, 1));
    }

    [Fact]
    public void Reader_StringLimitAndFixed64_AreEnforced()
    {
        var encoded = Convert.FromHexString("0a03616263" + "0a03616263" + "0102030405060708");
        var reader = new ProtobufReader(encoded);
        reader.TryReadTag(out _, out _);
        Assert.Equal("abc", reader.ReadString(maximumBytes: 3));
        reader.TryReadTag(out _, out _);
        try
        {
            reader.ReadString(maximumBytes: 2);
            Assert.Fail("A string over the limit was accepted.");
        }
        catch (FormatException exception)
        {
            Assert.Contains("exceeds the limit of 2", exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0x0807060504030201UL, reader.ReadFixed64());
        Assert.Throws<FormatException>(() => ProtobufReader.Expect(ProtobufWireType.Varint, ProtobufWireType.Fixed32, "x"));
    }
}
