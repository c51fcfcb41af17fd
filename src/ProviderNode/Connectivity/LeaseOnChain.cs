using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>Whether a lease the chain reports is still held by a provider at an epoch.</summary>
public static class LeaseOnChain
{
    /// <summary>True when <paramref name="lease"/> is live and held by <paramref name="owner"/> at <paramref name="epoch"/>.</summary>
    public static bool IsHeldBy(LeaseDetails? lease, string owner, long epoch) =>
        lease is not null
        && lease.State is LeaseState.Assigned or LeaseState.Running
        && lease.Epoch == epoch
        && string.Equals(lease.Provider, owner, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a lease that is not held any more ended for its previous holder (for <c>LeaseMovedAway</c>).</summary>
    public static LeaseReason ReasonGone(LeaseDetails? lease) =>
        lease is { State: LeaseState.Closed } closed ? closed.CloseReason : LeaseReason.MissedHeartbeat;
}
