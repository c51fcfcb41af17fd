using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.Diagnostics;
using DePinGpu.Libp2p.Hosting;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>Sums one host's <c>libp2p.handshakes.refused</c> counter by reason (other hosts in the process are ignored).</summary>
internal sealed class RefusalCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new();

    public RefusalCounter(Libp2pHost host)
    {
        var peerId = host.LocalPeerId.ToString();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "libp2p.handshakes.refused"
                && instrument.Meter.Tags?.Any(tag => tag.Key == PeerMeter.PeerIdTag && Equals(tag.Value, peerId)) == true)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    _byReason.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public long this[string reason] => _byReason.GetValueOrDefault(reason);

    public void Dispose() => _listener.Dispose();
}
