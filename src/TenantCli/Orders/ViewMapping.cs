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

    /// <summary>The view of a lease.</summary>
    public static LeaseView ToView(LeaseDetails lease) => new(
        Wei(lease.LeaseId),
        Wei(lease.OrderId),
        lease.Slot,
        lease.Kind.ToString(),
        lease.State.ToString(),
        lease.Provider,
        lease.Epoch,
        Wei(lease.PricePerSecond),
        TokenAmount.PerHour(lease.PricePerSecond),
        lease.StartedAt,
        lease.SettledUntil,
        lease.EndsAt,
        Wei(lease.Escrow),
        lease.CheckpointStep,
        lease.CheckpointDigest is null ? null : lease.CheckpointAt,
        lease.CloseReason.ToString());

    /// <summary>The text fields of a lease.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(LeaseDetails lease, DateTimeOffset now) =>
    [
        ("lease", Wei(lease.LeaseId)), ("order", Wei(lease.OrderId)), ("slot", lease.Slot.ToString(CultureInfo.InvariantCulture)),
        ("state", lease.State.ToString() + (lease.CloseReason == Protocol.Model.LeaseReason.None ? string.Empty : $" ({lease.CloseReason})")),
        ("provider", lease.Provider ?? "(none)"), ("epoch", lease.Epoch.ToString(CultureInfo.InvariantCulture)),
        ("price", TokenAmount.PerHour(lease.PricePerSecond) + " tokens/h"), ("escrow", TokenAmount.Format(lease.Escrow)),
        ("ends", $"{lease.EndsAt.ToString("u", CultureInfo.InvariantCulture)} (in {DurationText.Format(lease.EndsAt - now)})"),
        ("last checkpoint", lease.CheckpointDigest is null ? "none" : $"step {lease.CheckpointStep}, {DurationText.Format(now - lease.CheckpointAt)} ago"),
    ];
}
