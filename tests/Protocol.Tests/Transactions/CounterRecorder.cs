using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DePinGpu.Protocol.Tests.Transactions;

/// <summary>Adds up what the long counters of one meter record, by instrument name.</summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public CounterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    /// <summary>The sum recorded by the counter <paramref name="name"/> so far.</summary>
    public long Total(string name) => _totals.GetValueOrDefault(name);

    public void Dispose() => _listener.Dispose();
}
