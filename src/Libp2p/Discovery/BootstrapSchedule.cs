using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// The pure part of bootstrap reconnection: which peers are due for a dial at a given time, with exponential
/// back-off per peer after failures, reset by a successful dial.
/// </summary>
internal sealed class BootstrapSchedule(BootstrapOptions options, TimeProvider time, Random random)
{
    private readonly Dictionary<PeerId, Entry> _entries = [];

    public void Add(PeerId peer) => _entries.TryAdd(peer, new Entry());

    /// <summary>Peers that are not connected and whose back-off has elapsed.</summary>
    public List<PeerId> Due(Func<PeerId, bool> isConnected)
    {
        var now = time.GetUtcNow();
        return _entries.Where(pair => !pair.Value.Dialing && pair.Value.NextAttempt <= now && !isConnected(pair.Key))
            .Select(pair => pair.Key)
            .ToList();
    }

    public void MarkDialing(PeerId peer) => _entries[peer].Dialing = true;

    public void RecordSuccess(PeerId peer)
    {
        var entry = _entries[peer];
        entry.Dialing = false;
        entry.Failures = 0;
        entry.NextAttempt = DateTimeOffset.MinValue;
    }

    /// <summary>Records a failed dial and returns the wait before the next one.</summary>
    public TimeSpan RecordFailure(PeerId peer)
    {
        var entry = _entries[peer];
        entry.Dialing = false;
        entry.Failures++;
        var exponent = Math.Min(entry.Failures - 1, 30);
        var backoff = TimeSpan.FromTicks(Math.Min(options.InitialBackoff.Ticks * (1L << exponent), options.MaxBackoff.Ticks));
        backoff += backoff * (options.Jitter * random.NextDouble());
        entry.NextAttempt = time.GetUtcNow() + backoff;
        return backoff;
    }

    /// <summary>Consecutive failed dials of <paramref name="peer"/>.</summary>
    public int Failures(PeerId peer) => _entries.TryGetValue(peer, out var entry) ? entry.Failures : 0;

    private sealed class Entry
    {
        public DateTimeOffset NextAttempt { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }

        public bool Dialing { get; set; }
    }
}
