using System.Collections.Concurrent;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Repeating checkpoint announcements: the latest one per lease and kind is published again
/// <see cref="GossipOptions.AnnouncementRepeats"/> times, <see cref="GossipOptions.AnnouncementRepeatInterval"/> apart.
/// The same announcement arriving again as a node event while it is still being repeated is not restarted.
/// </summary>
public sealed partial class GossipService
{
    private readonly ConcurrentDictionary<(BigInteger LeaseId, bool Held), Repetition> _repetitions = new();

    private bool ShouldAnnounce(PendingAnnouncement announcement)
    {
        var key = (announcement.LeaseId, announcement.Held);
        if (_repetitions.TryGetValue(key, out var current) && current.Announcement == announcement)
        {
            return false;
        }

        if (_options.AnnouncementRepeats > 0)
        {
            _repetitions[key] = new Repetition(announcement, _options.AnnouncementRepeats, _time.GetUtcNow() + _options.AnnouncementRepeatInterval);
        }

        return true;
    }

    private async Task RepeatAnnouncementsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (key, repetition) in _repetitions)
        {
            if (repetition.NextAt > now)
            {
                continue;
            }

            var next = repetition with { Remaining = repetition.Remaining - 1, NextAt = now + _options.AnnouncementRepeatInterval };
            var updated = next.Remaining > 0
                ? _repetitions.TryUpdate(key, next, repetition)
                : ((ICollection<KeyValuePair<(BigInteger, bool), Repetition>>)_repetitions).Remove(new(key, repetition));
            if (updated)
            {
                var announcement = repetition.Announcement;
                await AnnounceAsync(announcement.LeaseId, announcement.Epoch, announcement.Step, announcement.Cid, announcement.Held, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record PendingAnnouncement(BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid, bool Held);

    private sealed record Repetition(PendingAnnouncement Announcement, int Remaining, DateTimeOffset NextAt);
}
