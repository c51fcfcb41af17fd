using System.Buffers.Binary;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>The 12-byte big-endian frame header: version, type, flags, stream id, length.</summary>
internal readonly record struct YamuxHeader(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)
{
    public const int Size = 12;

    public const byte Version = 0;

    public static YamuxHeader Read(ReadOnlySpan<byte> source)
    {
        if (source[0] != Version)
        {
            throw new Libp2pProtocolException($"Yamux version {source[0]} is not supported (only 0).");
        }

        if (source[1] > (byte)YamuxFrameType.GoAway)
        {
            throw new Libp2pProtocolException($"Yamux frame type {source[1]} does not exist.");
        }

        return new YamuxHeader(
            (YamuxFrameType)source[1],
            (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Length);
    }

    public override string ToString() => $"{Type} flags={Flags} stream={StreamId} length={Length}";
}
