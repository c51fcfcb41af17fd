using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Addressing;

/// <summary>One <c>/protocol/value</c> part of a multiaddr, holding the value in binary form.</summary>
public sealed class MultiaddrComponent : IEquatable<MultiaddrComponent>
{
    /// <summary>Longest variable-length value accepted (DNS names are at most 255 bytes; peer ids far less).</summary>
    public const int MaxValueLength = 255;

    private readonly byte[] _value;

    private MultiaddrComponent(MultiaddrProtocol protocol, byte[] value)
    {
        Protocol = protocol;
        _value = value;
    }

    /// <summary>The protocol.</summary>
    public MultiaddrProtocol Protocol { get; }

    /// <summary>The binary value (empty for protocols without one).</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Creates a component from a binary value, validating it.</summary>
    public static MultiaddrComponent FromBinary(MultiaddrProtocol protocol, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ValidateBinary(protocol, value);
        return new MultiaddrComponent(protocol, value.ToArray());
    }

    /// <summary>Creates a component from its text value (e.g. <c>127.0.0.1</c> for ip4).</summary>
    public static MultiaddrComponent FromText(MultiaddrProtocol protocol, string text)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(text);
        return new MultiaddrComponent(protocol, ParseText(protocol, text));
    }

    /// <summary>The value as text, as it appears in the text form.</summary>
    public string ValueText => FormatText(Protocol, _value);

    /// <summary>The IP address of an ip4/ip6 component.</summary>
    public IPAddress ToIPAddress() =>
        Protocol == MultiaddrProtocol.Ip4 || Protocol == MultiaddrProtocol.Ip6
            ? new IPAddress(_value)
            : throw new InvalidOperationException($"/{Protocol.Name} does not hold an IP address.");

    /// <summary>The port of a tcp/udp component.</summary>
    public int ToPort() =>
        Protocol == MultiaddrProtocol.Tcp || Protocol == MultiaddrProtocol.Udp
            ? BinaryPrimitives.ReadUInt16BigEndian(_value)
            : throw new InvalidOperationException($"/{Protocol.Name} does not hold a port.");

    /// <summary>The peer id of a p2p component.</summary>
    public PeerId ToPeerId() =>
        Protocol == MultiaddrProtocol.P2p
            ? PeerId.FromBytes(_value)
            : throw new InvalidOperationException($"/{Protocol.Name} does not hold a peer id.");

    /// <summary><c>/name/value</c> text.</summary>
    public override string ToString() => Protocol.HasValue ? $"/{Protocol.Name}/{ValueText}" : $"/{Protocol.Name}";

    /// <inheritdoc />
    public bool Equals(MultiaddrComponent? other) =>
        other is not null && other.Protocol == Protocol && Value.SequenceEqual(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MultiaddrComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Protocol.Code);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    private static void ValidateBinary(MultiaddrProtocol protocol, ReadOnlySpan<byte> value)
    {
        if (protocol.FixedLength >= 0 && value.Length != protocol.FixedLength)
        {
            throw new FormatException($"/{protocol.Name} needs a {protocol.FixedLength}-byte value, not {value.Length} bytes.");
        }

        if (protocol.FixedLength == MultiaddrProtocol.LengthPrefixed)
        {
            if (value.Length is 0 or > MaxValueLength)
            {
                throw new FormatException($"/{protocol.Name} value must be 1 to {MaxValueLength} bytes, not {value.Length}.");
            }

            if (protocol == MultiaddrProtocol.P2p)
            {
                PeerId.FromBytes(value);
            }
            else
            {
                ValidateDnsName(protocol, Encoding.UTF8.GetString(value));
            }
        }
    }

    private static byte[] ParseText(MultiaddrProtocol protocol, string text)
    {
        if (protocol == MultiaddrProtocol.Ip4 || protocol == MultiaddrProtocol.Ip6)
        {
            return ParseIp(protocol, text);
        }

        if (protocol == MultiaddrProtocol.Tcp || protocol == MultiaddrProtocol.Udp)
        {
            if (text.Length is 0 or > 5 || !text.All(char.IsAsciiDigit)
                || !ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new FormatException($"'{text}' is not a port number (0-65535) for /{protocol.Name}.");
            }

            var bytes = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(bytes, port);
            return bytes;
        }

        if (protocol == MultiaddrProtocol.P2p)
        {
            return PeerId.Parse(text).ToByteArray();
        }

        ValidateDnsName(protocol, text);
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] ParseIp(MultiaddrProtocol protocol, string text)
    {
        var family = protocol == MultiaddrProtocol.Ip4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

        // IPAddress.TryParse also accepts shorthands like "1" or "0x7f.1"; require the canonical dotted quad for ip4.
        var looksRight = family == AddressFamily.InterNetwork
            ? text.Split('.') is { Length: 4 } parts && parts.All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit))
            : text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal);
        if (!looksRight || !IPAddress.TryParse(text, out var address) || address.AddressFamily != family)
        {
            throw new FormatException($"'{text}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address for /{protocol.Name}.");
        }

        return address.GetAddressBytes();
    }

    private static void ValidateDnsName(MultiaddrProtocol protocol, string name)
    {
        if (name.Length is 0 or > MaxValueLength || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"'{name}' is not a DNS name for /{protocol.Name}.");
        }
    }

    private static string FormatText(MultiaddrProtocol protocol, byte[] value)
    {
        if (protocol == MultiaddrProtocol.Ip4 || protocol == MultiaddrProtocol.Ip6)
        {
            return new IPAddress(value).ToString();
        }

        if (protocol == MultiaddrProtocol.Tcp || protocol == MultiaddrProtocol.Udp)
        {
            return BinaryPrimitives.ReadUInt16BigEndian(value).ToString(CultureInfo.InvariantCulture);
        }

        if (protocol == MultiaddrProtocol.P2p)
        {
            return PeerId.FromBytes(value).ToString();
        }

        return protocol.HasValue ? Encoding.UTF8.GetString(value) : string.Empty;
    }
}
