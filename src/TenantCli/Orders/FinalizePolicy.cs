using DePinGpu.Protocol.Clients;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// When <c>run</c> finalizes. The market always turns the cheapest offers into leases, so the policy only chooses the
/// moment: cheapest finalizes once every position (replicas and standbys) has an offer, or at the end of the bid
/// window with at least one; a pick list waits until the picked providers are the ones that would win.
/// </summary>
internal sealed record FinalizePolicy(IReadOnlyList<string> Picks)
{
    /// <summary>True when the order should be finalized now.</summary>
    public bool IsMet(OrderDetails order, IReadOnlyList<OfferDetails> offers, bool windowClosed)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(offers);
        if (Picks.Count == 0)
        {
            return offers.Count >= order.Replicas + order.Standbys || (windowClosed && offers.Count > 0);
        }

        var winners = offers.OrderBy(offer => offer.PricePerSecond).ThenBy(offer => offer.Sequence).Take(order.Replicas).Select(offer => offer.Provider);
        return Picks.All(pick => winners.Contains(pick, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Why nothing could be finalized by the end of the window.</summary>
    public string Shortfall(OrderDetails order, IReadOnlyList<OfferDetails> offers) =>
        Picks.Count == 0
            ? $"No provider offered on order {order.OrderId} before its bid window closed"
            : $"The picked providers ({string.Join(", ", Picks)}) are not the {order.Replicas} cheapest of the {offers.Count} offers on order {order.OrderId}";
}
