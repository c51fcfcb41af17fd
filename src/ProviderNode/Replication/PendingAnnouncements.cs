using System.Numerics;
using DePinGpu.ProviderNode.NodeEvents;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>
/// The checkpoint announcements a standby has not fetched yet: only the newest per lease (an older checkpoint can no
/// longer be committed once a newer one exists, so fetching it would only delay the one that matters), leases served in
/// the order their first waiting announcement arrived. Not thread-safe: the replication loop alone uses it.
/// </summary>
internal sealed class PendingAnnouncements
{
    private readonly Dictionary<BigInteger, PeerCheckpointAnnounced> _newest = [];
    private readonly Queue<BigInteger> _order = new();

    /// <summary>How many leases have an announcement waiting.</summary>
    public int Count => _newest.Count;

    /// <summary>Keeps <paramref name="announced"/> unless a newer (or the same) checkpoint of its lease is already waiting.</summary>
    public void Offer(PeerCheckpointAnnounced announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        if (_newest.TryGetValue(announced.LeaseId, out var waiting))
        {
            if (IsNewer(announced, waiting))
            {
                _newest[announced.LeaseId] = announced;
            }

            return;
        }

        _newest[announced.LeaseId] = announced;
        _order.Enqueue(announced.LeaseId);
    }

    /// <summary>Takes the newest announcement of the lease that has waited longest; false when none waits.</summary>
    public bool TryTake(out PeerCheckpointAnnounced announced)
    {
        while (_order.TryDequeue(out var leaseId))
        {
            if (_newest.Remove(leaseId, out var newest))
            {
                announced = newest;
                return true;
            }
        }

        announced = null!;
        return false;
    }

    /// <summary>True when a checkpoint of the same lease newer than <paramref name="announced"/> is waiting.</summary>
    public bool HasNewerThan(PeerCheckpointAnnounced announced) =>
        _newest.TryGetValue(announced.LeaseId, out var waiting) && IsNewer(waiting, announced);

    /// <summary>True when <paramref name="candidate"/> was made after <paramref name="known"/> (a later epoch, or a later step of the same one).</summary>
    public static bool IsNewer(PeerCheckpointAnnounced candidate, PeerCheckpointAnnounced known) =>
        candidate.Epoch > known.Epoch || (candidate.Epoch == known.Epoch && candidate.Step > known.Step);
}
