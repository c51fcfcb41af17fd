namespace DePinGpu.Libp2p.Bench.PubSub;

/// <summary>What one network run measured.</summary>
/// <param name="Delivered">Deliveries observed (publisher excluded).</param>
/// <param name="Expected">Deliveries expected: messages × (nodes − 1).</param>
/// <param name="P50Milliseconds">Median publish-to-delivery latency.</param>
/// <param name="P99Milliseconds">99th percentile latency.</param>
/// <param name="CpuMilliseconds">Process CPU time spent while publishing and delivering.</param>
/// <param name="AchievedRate">Messages per second the publishers actually managed (signing included).</param>
internal sealed record NetworkRunResult(long Delivered, long Expected, double P50Milliseconds, double P99Milliseconds, double CpuMilliseconds, double AchievedRate)
{
    /// <summary>Sustained without loss: publishers kept 95 % of the target pace, every delivery arrived, p99 under 1 s.</summary>
    public bool SustainedAt(double targetRate) => Delivered == Expected && AchievedRate >= 0.95 * targetRate && P99Milliseconds < 1000;

    public double CpuMicrosecondsPerDelivery => Delivered == 0 ? double.NaN : CpuMilliseconds * 1000 / Delivered;
}
