namespace DePinGpu.Libp2p.Addressing;

/// <summary>
/// One protocol of the multiaddr table (codes from <c>@multiformats/multiaddr</c> 13): its name, code and how
/// its value is encoded. Only the protocols listed as static members are understood.
/// </summary>
public sealed class MultiaddrProtocol
{
    private static readonly MultiaddrProtocol[] All;
    private static readonly Dictionary<string, MultiaddrProtocol> ByName;
    private static readonly Dictionary<ulong, MultiaddrProtocol> ByCode;

    static MultiaddrProtocol()
    {
        All = [Ip4, Tcp, Udp, Ip6, Dns, Dns4, Dns6, DnsAddr, P2p, P2pCircuit, QuicV1, Ws, Wss];
        ByName = All.ToDictionary(protocol => protocol.Name, StringComparer.Ordinal);
        ByName["ipfs"] = P2p; // legacy name of p2p, still accepted in text
        ByCode = All.ToDictionary(protocol => protocol.Code);
    }

    private MultiaddrProtocol(string name, ulong code, int fixedLength)
    {
        Name = name;
        Code = code;
        FixedLength = fixedLength;
    }

    /// <summary>IPv4 address, 4 bytes.</summary>
    public static MultiaddrProtocol Ip4 { get; } = new("ip4", 4, 4);

    /// <summary>TCP port, 2 bytes big-endian.</summary>
    public static MultiaddrProtocol Tcp { get; } = new("tcp", 6, 2);

    /// <summary>UDP port, 2 bytes big-endian.</summary>
    public static MultiaddrProtocol Udp { get; } = new("udp", 273, 2);

    /// <summary>IPv6 address, 16 bytes.</summary>
    public static MultiaddrProtocol Ip6 { get; } = new("ip6", 41, 16);

    /// <summary>DNS name resolving to any address family.</summary>
    public static MultiaddrProtocol Dns { get; } = new("dns", 53, LengthPrefixed);

    /// <summary>DNS name resolving to IPv4.</summary>
    public static MultiaddrProtocol Dns4 { get; } = new("dns4", 54, LengthPrefixed);

    /// <summary>DNS name resolving to IPv6.</summary>
    public static MultiaddrProtocol Dns6 { get; } = new("dns6", 55, LengthPrefixed);

    /// <summary>DNS TXT-based multiaddr resolution.</summary>
    public static MultiaddrProtocol DnsAddr { get; } = new("dnsaddr", 56, LengthPrefixed);

    /// <summary>Peer id (binary multihash).</summary>
    public static MultiaddrProtocol P2p { get; } = new("p2p", 421, LengthPrefixed);

    /// <summary>Circuit relay marker (no value).</summary>
    public static MultiaddrProtocol P2pCircuit { get; } = new("p2p-circuit", 290, 0);

    /// <summary>QUIC v1 marker (no value).</summary>
    public static MultiaddrProtocol QuicV1 { get; } = new("quic-v1", 461, 0);

    /// <summary>WebSocket marker (no value).</summary>
    public static MultiaddrProtocol Ws { get; } = new("ws", 477, 0);

    /// <summary>Secure WebSocket marker (no value).</summary>
    public static MultiaddrProtocol Wss { get; } = new("wss", 478, 0);

    /// <summary>The protocol's text name.</summary>
    public string Name { get; }

    /// <summary>The protocol's multicodec code.</summary>
    public ulong Code { get; }

    /// <summary>Value size in bytes: 0 for none, <see cref="LengthPrefixed"/> for a varint-prefixed value.</summary>
    public int FixedLength { get; }

    /// <summary>Marker for values that carry their own varint length.</summary>
    public const int LengthPrefixed = -1;

    /// <summary>True when the protocol carries a value.</summary>
    public bool HasValue => FixedLength != 0;

    /// <summary>Finds a protocol by text name (<c>ipfs</c> maps to <c>p2p</c>).</summary>
    public static bool TryGetByName(string name, out MultiaddrProtocol protocol) =>
        ByName.TryGetValue(name, out protocol!);

    /// <summary>Finds a protocol by code.</summary>
    public static bool TryGetByCode(ulong code, out MultiaddrProtocol protocol) =>
        ByCode.TryGetValue(code, out protocol!);

    /// <inheritdoc />
    public override string ToString() => Name;
}
