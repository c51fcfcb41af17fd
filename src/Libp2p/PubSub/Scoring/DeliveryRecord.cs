using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Validation state of one message id and the peers that sent duplicates while it was pending.</summary>
internal sealed class DeliveryRecord(long firstSeen)
{
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Unknown;

    public long FirstSeen { get; } = firstSeen;

    public long Validated { get; set; }

    public HashSet<PeerId> Peers { get; } = [];
}
