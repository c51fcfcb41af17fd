namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Counters behind the per-topic score terms of one peer.</summary>
internal sealed class TopicStats
{
    public bool InMesh { get; set; }

    public long GraftTimestamp { get; set; }

    public TimeSpan MeshTime { get; set; }

    public double FirstMessageDeliveries { get; set; }

    public double MeshMessageDeliveries { get; set; }

    public bool MeshMessageDeliveriesActive { get; set; }

    public double MeshFailurePenalty { get; set; }

    public double InvalidMessageDeliveries { get; set; }
}
