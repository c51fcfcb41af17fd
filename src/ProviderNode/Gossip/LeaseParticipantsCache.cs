using System.Collections.Concurrent;
using System.Numerics;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Lease participants read from the chain and kept, so that validating a heartbeat a second costs no chain read. An
/// entry that disagrees with a message is read again, but not more often than <see cref="RefreshInterval"/> per
/// lease, so a peer naming leases that are not its own cannot make the node hammer its RPC endpoint.
/// </summary>
public sealed class LeaseParticipantsCache
{
    /// <summary>Leases kept at most; the cache is cleared when it would grow past this.</summary>
    public const int Capacity = 65_536;

    private readonly LeaseParticipantsReader _reader;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<BigInteger, Entry> _entries = new();

    /// <summary>Creates the cache over <paramref name="reader"/>.</summary>
    public LeaseParticipantsCache(LeaseParticipantsReader reader, TimeProvider time, TimeSpan refreshInterval)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(time);
        _reader = reader;
        _time = time;
        RefreshInterval = refreshInterval;
    }

    /// <summary>The shortest time between two chain reads of one lease.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>
    /// The participants of <paramref name="leaseId"/>: cached, unless <paramref name="stale"/> says the cached value
    /// disagrees with what a message claims and the last read is older than <see cref="RefreshInterval"/>.
    /// </summary>
    public async Task<LeaseParticipants?> GetAsync(BigInteger leaseId, Func<LeaseParticipants?, bool> stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(leaseId, out var entry) && (!stale(entry.Participants) || now - entry.ReadAt < RefreshInterval))
        {
            return entry.Participants;
        }

        var participants = await _reader(leaseId, cancellationToken).ConfigureAwait(false);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[leaseId] = new Entry(participants, now);
        return participants;
    }

    /// <summary>Forgets every lease (a reorg: what was read may describe blocks that are gone).</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Forgets <paramref name="leaseId"/> (its holder or epoch changed on-chain).</summary>
    public void Forget(BigInteger leaseId) => _entries.TryRemove(leaseId, out _);

    private sealed record Entry(LeaseParticipants? Participants, DateTimeOffset ReadAt);
}
