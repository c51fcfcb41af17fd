using System.Numerics;
using DePinGpu.Protocol.Clients;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// Finds a tenant's orders. The market keeps no per-tenant index, so this reads the most recent orders (newest first)
/// and keeps the tenant's: bounded by <c>limit</c> so a busy chain never means an unbounded scan.
/// </summary>
internal static class TenantOrders
{
    /// <summary>The tenant's orders among the <paramref name="limit"/> newest (every tenant's when <paramref name="tenant"/> is null).</summary>
    public static async Task<IReadOnlyList<OrderDetails>> RecentAsync(MarketClient market, string? tenant, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(market);
        var count = await market.OrderCountAsync(cancellationToken).ConfigureAwait(false);
        var orders = new List<OrderDetails>();
        for (var id = count; id >= BigInteger.One && count - id < limit; id--)
        {
            var order = await market.GetOrderAsync(id, cancellationToken).ConfigureAwait(false);
            if (order is not null && (tenant is null || string.Equals(order.Tenant, tenant, StringComparison.OrdinalIgnoreCase)))
            {
                orders.Add(order);
            }
        }

        return orders;
    }

    /// <summary>Every lease of <paramref name="orders"/>.</summary>
    public static async Task<IReadOnlyList<LeaseDetails>> LeasesAsync(MarketClient market, IEnumerable<OrderDetails> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(market);
        var leases = new List<LeaseDetails>();
        foreach (var order in orders.Where(order => order.LeaseCount > 0))
        {
            leases.AddRange(await market.GetOrderLeasesAsync(order.OrderId, cancellationToken).ConfigureAwait(false));
        }

        return leases.OrderBy(lease => lease.LeaseId).ToArray();
    }
}
