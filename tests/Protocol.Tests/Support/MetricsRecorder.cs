using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>Records every measurement of the instruments of one meter, by instrument name, in order.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value)> _measurements = new();

    public MetricsRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    /// <summary>The values recorded on <paramref name="instrument"/>, in order.</summary>
    public IReadOnlyList<long> Values(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    public void Clear() => _measurements.Clear();

    public void Dispose() => _listener.Dispose();
}
