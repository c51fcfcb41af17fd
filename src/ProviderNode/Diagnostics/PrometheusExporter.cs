using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace DePinGpu.ProviderNode.Diagnostics;

/// <summary>
/// Listens to every <c>DePinGpu.*</c> meter and writes the latest values in the Prometheus text format (counters
/// summed, gauges and up-down counters as last observed), tags as labels.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Sample> _samples = new();

    /// <summary>Creates the exporter; it listens once <see cref="Start"/> is called.</summary>
    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("DePinGpu", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    /// <summary>Starts listening.</summary>
    public void Start() => _listener.Start();

    /// <summary>The current values, Prometheus text format 0.0.4.</summary>
    public string Write()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _samples.OrderBy(pair => pair.Key.Name, StringComparer.Ordinal).GroupBy(pair => pair.Key.Name))
        {
            var name = MetricName(group.Key);
            text.Append("# TYPE ").Append(name).Append(' ').Append(group.First().Value.Type).Append('\n');
            foreach (var (key, sample) in group)
            {
                text.Append(name).Append(key.Labels).Append(' ').Append(sample.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var cumulative = instrument is Counter<long> or Counter<int> or Counter<double> or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>;
        var type = instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> ? "counter" : "gauge";
        _samples.AddOrUpdate(
            (instrument.Name, labels),
            _ => new Sample(type, value),
            (_, old) => new Sample(type, cumulative ? old.Value + value : value));
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            parts.Add($"{MetricName(tag.Key)}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', parts) + "}";
    }

    private static string MetricName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character == '_' ? character : '_');
        }

        return builder.ToString();
    }

    private sealed record Sample(string Type, double Value);
}
