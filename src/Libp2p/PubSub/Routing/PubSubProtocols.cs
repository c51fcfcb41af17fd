namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Protocol ids of the pubsub family.</summary>
public static class PubSubProtocols
{
    /// <summary>Gossipsub v1.2 (adds IDONTWANT, which this router accepts and ignores).</summary>
    public const string GossipSubV12 = "/meshsub/1.2.0";

    /// <summary>Gossipsub v1.1 (backoff, peer exchange, scoring).</summary>
    public const string GossipSubV11 = "/meshsub/1.1.0";

    /// <summary>Gossipsub v1.0.</summary>
    public const string GossipSubV10 = "/meshsub/1.0.0";

    /// <summary>Floodsub.</summary>
    public const string FloodSub = "/floodsub/1.0.0";

    /// <summary>What we offer, most preferred first.</summary>
    public static IReadOnlyList<string> All { get; } = [GossipSubV12, GossipSubV11, GossipSubV10, FloodSub];

    /// <summary>True for any gossipsub version.</summary>
    public static bool IsGossipSub(string protocol) => protocol is GossipSubV12 or GossipSubV11 or GossipSubV10;

    /// <summary>True when the protocol understands PRUNE back-off and peer exchange (v1.1 and later).</summary>
    public static bool SupportsBackoff(string protocol) => protocol is GossipSubV12 or GossipSubV11;
}
