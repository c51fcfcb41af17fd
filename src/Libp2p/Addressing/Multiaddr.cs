using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Addressing;

/// <summary>
/// A multiaddr such as <c>/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…</c>. Binary form: <c>varint(code) ‖ value</c> per
/// component (length-prefixed values carry a varint length). Immutable; equality by binary form.
/// </summary>
[TypeConverter(typeof(MultiaddrTypeConverter))]
public sealed class Multiaddr : IEquatable<Multiaddr>
{
    /// <summary>Longest binary or text multiaddr accepted when parsing.</summary>
    public const int MaxLength = 1024;

    private readonly MultiaddrComponent[] _components;
    private byte[]? _bytes;

    private Multiaddr(MultiaddrComponent[] components)
    {
        _components = components;
    }

    /// <summary>The empty multiaddr (<c>/</c>).</summary>
    public static Multiaddr Empty { get; } = new([]);

    /// <summary>The components in order.</summary>
    public IReadOnlyList<MultiaddrComponent> Components => _components;

    /// <summary>The peer id of the last <c>/p2p/</c> component, or null.</summary>
    public PeerId? PeerId => _components.LastOrDefault(component => component.Protocol == MultiaddrProtocol.P2p)?.ToPeerId();

    /// <summary>Builds a multiaddr from components.</summary>
    public static Multiaddr Create(IEnumerable<MultiaddrComponent> components) => new(components.ToArray());

    /// <summary>Parses text; throws <see cref="FormatException"/> saying which part is wrong.</summary>
    public static Multiaddr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new FormatException($"A multiaddr of {text.Length} characters exceeds the limit of {MaxLength}.");
        }

        if (!text.StartsWith('/'))
        {
            throw new FormatException($"'{text}' is not a multiaddr: it must start with '/'.");
        }

        var parts = text.TrimEnd('/').Split('/');
        var components = new List<MultiaddrComponent>();
        for (var index = 1; index < parts.Length; index++)
        {
            var name = parts[index];
            if (!MultiaddrProtocol.TryGetByName(name, out var protocol))
            {
                throw new FormatException($"'{text}' is not a multiaddr: unknown protocol '{name}'.");
            }

            if (!protocol.HasValue)
            {
                components.Add(MultiaddrComponent.FromBinary(protocol, []));
                continue;
            }

            if (++index >= parts.Length)
            {
                throw new FormatException($"'{text}' is not a multiaddr: /{name} needs a value.");
            }

            try
            {
                components.Add(MultiaddrComponent.FromText(protocol, parts[index]));
            }
            catch (FormatException exception)
            {
                throw new FormatException($"'{text}' is not a multiaddr: {exception.Message}", exception);
            }
        }

        return new Multiaddr([.. components]);
    }

    /// <summary>Parses text; returns false (and null) instead of throwing.</summary>
    public static bool TryParse(string? text, out Multiaddr? multiaddr)
    {
        multiaddr = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            multiaddr = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Parses the binary form; throws <see cref="FormatException"/> on unknown codes or bad values.</summary>
    public static Multiaddr FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new FormatException($"A {bytes.Length}-byte multiaddr exceeds the limit of {MaxLength} bytes.");
        }

        var components = new List<MultiaddrComponent>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var code = Varint.Read(bytes[offset..], out var codeLength);
            offset += codeLength;
            if (!MultiaddrProtocol.TryGetByCode(code, out var protocol))
            {
                throw new FormatException($"Multiaddr protocol code {code} is not supported.");
            }

            var length = protocol.FixedLength;
            if (length == MultiaddrProtocol.LengthPrefixed)
            {
                length = Varint.ReadLength(bytes[offset..], MultiaddrComponent.MaxValueLength, out var lengthLength);
                offset += lengthLength;
            }

            if (bytes.Length - offset < length)
            {
                throw new FormatException($"The multiaddr ends inside the /{protocol.Name} value.");
            }

            components.Add(MultiaddrComponent.FromBinary(protocol, bytes.Slice(offset, length)));
            offset += length;
        }

        return new Multiaddr([.. components]);
    }

    /// <summary>The multiaddr of a TCP endpoint: <c>/ip4/…/tcp/…</c> or <c>/ip6/…/tcp/…</c>.</summary>
    public static Multiaddr FromTcpEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var ipProtocol = address.AddressFamily == AddressFamily.InterNetwork ? MultiaddrProtocol.Ip4 : MultiaddrProtocol.Ip6;
        var port = new[] { (byte)(endPoint.Port >> 8), (byte)endPoint.Port };
        return new Multiaddr(
        [
            MultiaddrComponent.FromBinary(ipProtocol, address.GetAddressBytes()),
            MultiaddrComponent.FromBinary(MultiaddrProtocol.Tcp, port),
        ]);
    }

    /// <summary>The binary form.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ??= Encode();

    /// <summary>A copy of the binary form.</summary>
    public byte[] ToByteArray() => Bytes.ToArray();

    /// <summary>This multiaddr followed by <paramref name="other"/>.</summary>
    public Multiaddr Encapsulate(Multiaddr other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Multiaddr([.. _components, .. other._components]);
    }

    /// <summary>This multiaddr followed by <c>/p2p/&lt;peerId&gt;</c>.</summary>
    public Multiaddr WithPeerId(PeerId peerId)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        return new Multiaddr([.. WithoutPeerId()._components, MultiaddrComponent.FromBinary(MultiaddrProtocol.P2p, peerId.Bytes)]);
    }

    /// <summary>This multiaddr without a trailing <c>/p2p/</c> component.</summary>
    public Multiaddr WithoutPeerId() =>
        _components.Length > 0 && _components[^1].Protocol == MultiaddrProtocol.P2p ? new Multiaddr(_components[..^1]) : this;

    /// <summary>
    /// Reads the host and TCP port of a <c>/ip4|ip6|dns|dns4|dns6/…/tcp/…</c> address; returns false for other shapes.
    /// </summary>
    public bool TryGetTcpTarget(out MultiaddrComponent host, out int port)
    {
        host = null!;
        port = 0;
        if (_components.Length < 2 || _components[1].Protocol != MultiaddrProtocol.Tcp)
        {
            return false;
        }

        var first = _components[0].Protocol;
        if (first != MultiaddrProtocol.Ip4 && first != MultiaddrProtocol.Ip6 && first != MultiaddrProtocol.Dns
            && first != MultiaddrProtocol.Dns4 && first != MultiaddrProtocol.Dns6)
        {
            return false;
        }

        var rest = _components.Length - 2;
        if (rest > 1 || (rest == 1 && _components[2].Protocol != MultiaddrProtocol.P2p))
        {
            return false;
        }

        host = _components[0];
        port = _components[1].ToPort();
        return true;
    }

    /// <summary>The text form.</summary>
    public override string ToString() => _components.Length == 0 ? "/" : string.Concat(_components.Select(component => component.ToString()));

    /// <inheritdoc />
    public bool Equals(Multiaddr? other) => other is not null && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Multiaddr);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Equality by binary form.</summary>
    public static bool operator ==(Multiaddr? left, Multiaddr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by binary form.</summary>
    public static bool operator !=(Multiaddr? left, Multiaddr? right) => !(left == right);

    private byte[] Encode()
    {
        var buffer = new List<byte>(32);
        Span<byte> varint = stackalloc byte[Varint.MaxLength];
        foreach (var component in _components)
        {
            var written = Varint.Write(component.Protocol.Code, varint);
            buffer.AddRange(varint[..written]);
            if (component.Protocol.FixedLength == MultiaddrProtocol.LengthPrefixed)
            {
                written = Varint.Write((ulong)component.Value.Length, varint);
                buffer.AddRange(varint[..written]);
            }

            buffer.AddRange(component.Value);
        }

        return [.. buffer];
    }
}
