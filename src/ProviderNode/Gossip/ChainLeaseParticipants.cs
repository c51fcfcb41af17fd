using DePinGpu.Protocol.Clients;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Reads lease participants from the market contract (the daemon's <see cref="LeaseParticipantsReader"/>).</summary>
public static class ChainLeaseParticipants
{
    /// <summary>A reader over <paramref name="market"/>: the lease, then its order's standby queue.</summary>
    public static LeaseParticipantsReader Over(MarketClient market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return async (leaseId, cancellationToken) =>
        {
            if (await market.GetLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false) is not { } lease)
            {
                return null;
            }

            var standbys = await market.GetStandbysAsync(lease.OrderId, cancellationToken).ConfigureAwait(false);
            return new LeaseParticipants(
                lease.Provider?.ToLowerInvariant(),
                lease.Epoch,
                standbys.Select(standby => standby.Provider.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));
        };
    }
}
