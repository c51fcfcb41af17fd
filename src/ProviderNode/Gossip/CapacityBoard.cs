using System.Collections.Concurrent;
using DePinGpu.ProviderNode.NodeEvents;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The latest validated <c>capacity</c> announcement of each provider this node has heard, with when it heard it: what
/// <c>GET /network/capacity</c> lists for tenants (who are not gossip peers). Only data that is public on the topic.
/// Bounded: past <see cref="MaxProviders"/> the provider heard from longest ago is forgotten.
/// </summary>
public sealed class CapacityBoard
{
    /// <summary>Most providers remembered.</summary>
    public const int MaxProviders = 4096;

    private readonly ConcurrentDictionary<string, CapacitySighting> _latest = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers <paramref name="seen"/> as its provider's latest announcement; true when an older provider was forgotten to make room.</summary>
    public bool Record(PeerCapacitySeen seen, DateTimeOffset seenAt)
    {
        ArgumentNullException.ThrowIfNull(seen);
        _latest[seen.Provider] = new CapacitySighting(seen, seenAt);
        if (_latest.Count <= MaxProviders)
        {
            return false;
        }

        var oldest = _latest.Values.MinBy(sighting => sighting.SeenAt);
        return oldest is not null && _latest.TryRemove(oldest.Capacity.Provider, out _);
    }

    /// <summary>Every provider's latest announcement, newest first.</summary>
    public IReadOnlyList<CapacitySighting> Latest() => [.. _latest.Values.OrderByDescending(sighting => sighting.SeenAt)];
}
