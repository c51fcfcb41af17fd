using System.Net;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>mDNS discovery settings (libp2p <c>_p2p._udp.local</c>); off unless <see cref="Enabled"/>.</summary>
public sealed record MdnsOptions
{
    /// <summary>Whether mDNS runs at all (for LANs; off by default).</summary>
    public bool Enabled { get; init; }

    /// <summary>How often we ask the LAN for libp2p peers.</summary>
    public TimeSpan QueryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TTL of our announcements.</summary>
    public uint TimeToLiveSeconds { get; init; } = 120;

    /// <summary>UDP port (5353; tests may use another to stay private).</summary>
    public int Port { get; init; } = 5353;

    /// <summary>Multicast group.</summary>
    public IPAddress Group { get; init; } = IPAddress.Parse("224.0.0.251");
}
