using System.Net;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>What the router knows about one connected pubsub peer.</summary>
internal sealed class PeerState(string protocol, bool outbound, IPAddress? address, PeerRateLimit limit, long now)
{
    public string Protocol { get; set; } = protocol;

    /// <summary>True when we dialed the connection (counts towards D_out).</summary>
    public bool Outbound { get; set; } = outbound;

    public IPAddress? Address { get; set; } = address;

    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    public bool IsFloodSub => Protocol == PubSubProtocols.FloodSub;

    public TokenBucket MessageBudget { get; } = new(limit.MessagesPerSecond, limit.MessageBurst, now);

    public TokenBucket ByteBudget { get; } = new(limit.BytesPerSecond, limit.ByteBurst, now);
}
