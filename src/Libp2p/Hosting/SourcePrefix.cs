using System.Net;
using System.Net.Sockets;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// The first <see cref="Length"/> bits of an IP address: the key under which inbound handshakes from one source
/// (an IPv4 address, an IPv6 /64) or one subnet (IPv4 /24, IPv6 /48) are counted. IPv4-mapped IPv6 addresses count as
/// their IPv4 address, so a dual-stack listener cannot be used to double a source's share.
/// </summary>
internal readonly record struct SourcePrefix(AddressFamily Family, UInt128 Bits, int Length)
{
    /// <summary>Prefix length that identifies one source: a whole IPv4 address.</summary>
    public const int SourceLengthIPv4 = 32;

    /// <summary>Prefix length that identifies one source: an IPv6 /64, the smallest network a host is usually given.</summary>
    public const int SourceLengthIPv6 = 64;

    /// <summary>Prefix length of a subnet: an IPv4 /24.</summary>
    public const int SubnetLengthIPv4 = 24;

    /// <summary>Prefix length of a subnet: an IPv6 /48, the largest block a single customer is usually given.</summary>
    public const int SubnetLengthIPv6 = 48;

    /// <summary>The source prefix of <paramref name="address"/> (IPv4 /32, IPv6 /64).</summary>
    public static SourcePrefix SourceOf(IPAddress address) => Of(address, SourceLengthIPv4, SourceLengthIPv6);

    /// <summary>The subnet prefix of <paramref name="address"/> (IPv4 /24, IPv6 /48).</summary>
    public static SourcePrefix SubnetOf(IPAddress address) => Of(address, SubnetLengthIPv4, SubnetLengthIPv6);

    /// <summary>The first <paramref name="ipv4Length"/> or <paramref name="ipv6Length"/> bits of <paramref name="address"/>.</summary>
    public static SourcePrefix Of(IPAddress address, int ipv4Length, int ipv6Length)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Normalize(address);
        Span<byte> bytes = stackalloc byte[16];
        normalized.TryWriteBytes(bytes, out var written);
        var length = written == 4 ? ipv4Length : ipv6Length;
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, written * 8);
        UInt128 bits = 0;
        for (var index = 0; index < written; index++)
        {
            bits = (bits << 8) | bytes[index];
        }

        var dropped = (written * 8) - length;
        bits = dropped == 128 ? 0 : (bits >> dropped) << dropped;
        return new SourcePrefix(normalized.AddressFamily, bits, length);
    }

    /// <summary>IPv4-mapped IPv6 addresses as IPv4; others unchanged.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>CIDR form, e.g. <c>127.0.1.0/24</c>.</summary>
    public override string ToString()
    {
        var size = Family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = new byte[size];
        var value = Bits;
        for (var index = size - 1; index >= 0; index--)
        {
            bytes[index] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return $"{new IPAddress(bytes)}/{Length}";
    }
}
