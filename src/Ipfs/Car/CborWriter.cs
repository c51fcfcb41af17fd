using System.Buffers;
using System.Text;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>The few dag-cbor items a CAR header needs, in canonical (shortest) form; kept for the reason <see cref="CborReader"/> gives.</summary>
internal sealed class CborWriter
{
    public const int MajorUnsigned = 0;
    public const int MajorBytes = 2;
    public const int MajorText = 3;
    public const int MajorArray = 4;
    public const int MajorMap = 5;
    public const int MajorTag = 6;
    public const ulong CidTag = 42;

    private readonly ArrayBufferWriter<byte> _buffer = new(128);

    public void WriteHead(int major, ulong value)
    {
        var span = _buffer.GetSpan(9);
        var first = (byte)(major << 5);
        var length = value switch
        {
            < 24 => Put(span, (byte)(first | (byte)value)),
            <= byte.MaxValue => Put(span, (byte)(first | 24), (byte)value),
            <= ushort.MaxValue => Put(span, (byte)(first | 25), (byte)(value >> 8), (byte)value),
            <= uint.MaxValue => Put(span, (byte)(first | 26), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value),
            _ => PutLong(span, (byte)(first | 27), value),
        };
        _buffer.Advance(length);
    }

    public void WriteText(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteHead(MajorText, (ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    /// <summary>A CID as dag-cbor link: tag 42, byte string of 0x00 followed by the binary CID.</summary>
    public void WriteCidLink(Cid cid)
    {
        WriteHead(MajorTag, CidTag);
        WriteHead(MajorBytes, (ulong)cid.Bytes.Length + 1);
        _buffer.Write((ReadOnlySpan<byte>)[0]);
        _buffer.Write(cid.Bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private static int Put(Span<byte> span, params ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span);
        return bytes.Length;
    }

    private static int PutLong(Span<byte> span, byte first, ulong value)
    {
        span[0] = first;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        return 9;
    }
}
