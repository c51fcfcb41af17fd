using System.Diagnostics.Metrics;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>Replication metrics (meter <c>DePinGpu.ProviderNode.Replication</c>).</summary>
public sealed class ReplicationMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode.Replication";

    private readonly Meter _meter;
    private readonly Counter<long> _replicated;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _seconds;

    /// <summary>Creates the instruments (through <paramref name="meterFactory"/> when hosted).</summary>
    public ReplicationMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _replicated = _meter.CreateCounter<long>("depin.replication.replicated", description: "Checkpoints fetched, verified and pinned as a standby");
        _bytes = _meter.CreateCounter<long>("depin.replication.bytes", "By", "Bytes fetched for replicated checkpoints");
        _failed = _meter.CreateCounter<long>("depin.replication.failed", description: "Checkpoints given up after every attempt, or over the size limit");
        _seconds = _meter.CreateHistogram<double>("depin.replication.duration", "s", "Time from announcement to pinned replica");
    }

    /// <summary>Counts a replicated checkpoint.</summary>
    public void Replicated(long bytes, TimeSpan duration)
    {
        _replicated.Add(1);
        _bytes.Add(bytes);
        _seconds.Record(duration.TotalSeconds);
    }

    /// <summary>Counts a checkpoint that was not replicated.</summary>
    public void Failed() => _failed.Add(1);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
