namespace DePinGpu.Libp2p.Hosting;

/// <summary>Why an inbound socket was closed before its handshake began (also the <c>reason</c> tag of the refusal counter).</summary>
public enum PendingHandshakeRefusal
{
    /// <summary>Its source address (IPv4 address, IPv6 /64) already has the most pending handshakes it may have.</summary>
    SourceLimit,

    /// <summary>Its subnet (IPv4 /24, IPv6 /48) already has the most pending handshakes it may have.</summary>
    SubnetLimit,

    /// <summary>The source is unknown and the handshakes open to unknown sources are all taken (the rest is reserved for known peers).</summary>
    UnknownSourcesShare,

    /// <summary>The host's total of pending handshakes is reached.</summary>
    TotalLimit,
}
