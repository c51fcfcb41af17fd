using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Field encodings shared by the gossip messages: the header, uint256 values and addresses.</summary>
internal static class GossipWire
{
    public const int VersionField = 1;
    public const int ProviderField = 2;
    public const int SequenceField = 3;
    public const int SentAtField = 4;

    /// <summary>Writes fields 1–4.</summary>
    public static void WriteHeader(ProtobufWriter writer, GossipHeader header)
    {
        writer.WriteVarint(VersionField, GossipLimits.Version)
            .WriteBytes(ProviderField, AddressBytes(header.Provider))
            .WriteVarint(SequenceField, header.Sequence)
            .WriteVarint(SentAtField, checked((ulong)header.SentAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>A uint256 as big-endian bytes without leading zeros (zero is empty).</summary>
    public static byte[] Uint256Bytes(BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > GossipLimits.MaxUint256Bytes)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A uint256 is between 0 and 2^256-1.");
        }

        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a uint256 written by <see cref="Uint256Bytes"/>; a leading zero byte is not canonical and rejected.</summary>
    public static BigInteger ReadUint256(ReadOnlySpan<byte> bytes, string field)
    {
        if (bytes.Length > GossipLimits.MaxUint256Bytes)
        {
            throw new FormatException($"{field} is {bytes.Length} bytes; a uint256 is at most {GossipLimits.MaxUint256Bytes}.");
        }

        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new FormatException($"{field} has a leading zero byte (not canonical).");
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>The 20 bytes of a <c>0x…</c> address.</summary>
    public static byte[] AddressBytes(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{address}' is not a 0x-prefixed 20-byte address.", nameof(address));
        }

        return Convert.FromHexString(address.AsSpan(2));
    }

    /// <summary>Reads a 20-byte address as lower-case <c>0x…</c> hex.</summary>
    public static string ReadAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != GossipLimits.AddressBytes)
        {
            throw new FormatException($"The provider address is {bytes.Length} bytes; it must be {GossipLimits.AddressBytes}.");
        }

        return "0x" + Convert.ToHexStringLower(bytes);
    }

    /// <summary>A millisecond Unix time read from the wire, bounded to what <see cref="DateTimeOffset"/> can hold.</summary>
    public static DateTimeOffset ReadTime(ulong milliseconds)
    {
        const ulong Latest = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
        if (milliseconds > Latest)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The timestamp {milliseconds} ms is past year 9999."));
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }

    /// <summary>Throws when a field appears a second time (one encoding per message keeps implementations in agreement).</summary>
    public static void Once(ref uint seen, int field)
    {
        var bit = 1u << field;
        if ((seen & bit) != 0)
        {
            throw new FormatException($"Field {field} appears more than once.");
        }

        seen |= bit;
    }

    /// <summary>Throws unless the header fields were all present and the version is the one this node speaks.</summary>
    public static GossipHeader Header(uint seen, ulong version, string? provider, ulong sequence, ulong sentAt)
    {
        if ((seen & (1u << VersionField)) == 0 || version != GossipLimits.Version)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Version {version} is not supported (this node speaks {GossipLimits.Version})."));
        }

        if (provider is null || (seen & (1u << SequenceField)) == 0 || (seen & (1u << SentAtField)) == 0)
        {
            throw new FormatException("The provider, sequence and time fields (2, 3, 4) are required.");
        }

        return new GossipHeader(provider, sequence, ReadTime(sentAt));
    }
}
