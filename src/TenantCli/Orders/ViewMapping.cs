using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Orders;

/// <summary>Maps the chain's records to the CLI's stable JSON views and text fields.</summary>
internal static class ViewMapping
{
    /// <summary>A wei amount as a decimal string.</summary>
    public static string Wei(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The view of an order.</summary>
    public static OrderView ToView(OrderDetails order) => new(
        Wei(order.OrderId),
        order.Tenant,
        order.Kind.ToString(),
        order.State.ToString(),
        order.SpecCid?.ToString(),
        order.GpuModel,
        order.MinVramGb,
        order.GpusPerReplica,
        order.Replicas,
        order.Standbys,
        Wei(order.MaxPricePerSecond),
        TokenAmount.PerHour(order.MaxPricePerSecond),
        (long)order.MaxDuration.TotalSeconds,
        order.BidDeadline,
        Wei(order.Escrow),
        order.OfferCount,
        order.LeaseIds.Select(Wei).ToArray());

    /// <summary>The text fields of an order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(OrderDetails order) =>
    [
        ("order", Wei(order.OrderId)), ("state", order.State.ToString()), ("kind", order.Kind.ToString()), ("spec", order.SpecCid?.ToString() ?? "(not a CID)"),
        ("gpu", $"{(order.GpuModel.Length == 0 ? "any" : order.GpuModel)} x{order.GpusPerReplica}, >= {order.MinVramGb} GB"),
        ("replicas", $"{order.Replicas} (+{order.Standbys} standbys)"), ("max price", TokenAmount.PerHour(order.MaxPricePerSecond) + " tokens/h per replica"),
        ("max duration", DurationText.Format(order.MaxDuration)), ("offers until", order.BidDeadline.ToString("u", CultureInfo.InvariantCulture)),
        ("offers", order.OfferCount.ToString(CultureInfo.InvariantCulture)), ("escrow", TokenAmount.Format(order.Escrow)),
        ("leases", order.LeaseIds.Count == 0 ? "-" : string.Join(", ", order.LeaseIds.Select(Wei))),
    ];
}
