using System.Diagnostics.Metrics;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Checkpoint metrics (meter <c>DePinGpu.ProviderNode.Checkpoints</c>).</summary>
public sealed class CheckpointMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode.Checkpoints";

    private readonly Meter _meter;
    private readonly Counter<long> _imported;
    private readonly Counter<long> _importedBytes;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _importSeconds;

    /// <summary>Creates the instruments (through <paramref name="meterFactory"/> when hosted).</summary>
    public CheckpointMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _imported = _meter.CreateCounter<long>("depin.checkpoints.imported", description: "Checkpoints imported and pinned");
        _importedBytes = _meter.CreateCounter<long>("depin.checkpoints.imported.bytes", "By", "Content bytes of imported checkpoints");
        _rejected = _meter.CreateCounter<long>("depin.checkpoints.rejected", description: "Checkpoint folders rejected, by reason");
        _importSeconds = _meter.CreateHistogram<double>("depin.checkpoints.import.duration", "s", "Time to import and pin one checkpoint");
    }

    /// <summary>Counts an import.</summary>
    public void Imported(ulong bytes, TimeSpan duration)
    {
        _imported.Add(1);
        _importedBytes.Add((long)bytes);
        _importSeconds.Record(duration.TotalSeconds);
    }

    /// <summary>Counts a rejection.</summary>
    public void Rejected(CheckpointRejection rejection) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", rejection.ToString()));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
