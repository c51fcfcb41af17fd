using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>What the host knows about a peer: addresses and, once identify ran, its protocols and agent.</summary>
public sealed record PeerInfo
{
    /// <summary>The peer.</summary>
    public required PeerId PeerId { get; init; }

    /// <summary>Its public key, when known.</summary>
    public PublicKey? PublicKey { get; init; }

    /// <summary>Addresses it listens on (from identify or added by the application).</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses { get; init; } = [];

    /// <summary>Protocols it handles (from identify); empty until identified.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>Its agent version (from identify).</summary>
    public string? AgentVersion { get; init; }

    /// <summary>Its protocol version (from identify).</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>This host's address as the peer observed it (from identify).</summary>
    public Multiaddr? ObservedAddress { get; init; }

    /// <summary>
    /// The peer's latest signed peer record envelope (RFC 0003) from identify, verified to be signed by the peer itself;
    /// passed on in gossipsub peer exchange so that others can dial it. Null when it sent none (or none verified).
    /// </summary>
    public byte[]? SignedPeerRecord { get; init; }

    /// <summary>The sequence number of <see cref="SignedPeerRecord"/>; an older record never replaces a newer one.</summary>
    public ulong PeerRecordSequence { get; init; }

    /// <summary>True once an identify answer or push was received.</summary>
    public bool IsIdentified { get; init; }

    /// <summary>When this record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>True when the peer listed <paramref name="protocol"/> in identify.</summary>
    public bool Supports(string protocol) => Protocols.Contains(protocol, StringComparer.Ordinal);
}
