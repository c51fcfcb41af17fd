using System.Globalization;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Orders;

namespace DePinGpu.TenantCli.Views;

/// <summary>Maps a <see cref="LeaseStatus"/> to the lease's JSON view, its text fields and its table columns.</summary>
internal static class LeaseViewMapping
{
    /// <summary>The view of a lease.</summary>
    public static LeaseView ToView(LeaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var lease = status.Lease;
        return new(
            ViewMapping.Wei(lease.LeaseId),
            ViewMapping.Wei(lease.OrderId),
            lease.Slot,
            lease.Kind.ToString(),
            lease.State.ToString(),
            lease.Provider,
            lease.Epoch,
            ViewMapping.Wei(lease.PricePerSecond),
            TokenAmount.PerHour(lease.PricePerSecond),
            lease.StartedAt,
            lease.SettledUntil,
            lease.EndsAt,
            ViewMapping.Wei(lease.Escrow),
            ViewMapping.Wei(status.EscrowLeft),
            (long)status.EscrowBuys.TotalSeconds,
            status.LastHeartbeat,
            lease.CheckpointStep,
            lease.CheckpointDigest is null ? null : lease.CheckpointAt,
            status.LastCheckpoint?.Cid?.ToString(),
            status.HandOvers,
            lease.CloseReason.ToString());
    }

    /// <summary>The text fields of a lease (<c>lease show</c>).</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(LeaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var lease = status.Lease;
        return
        [
            ("lease", ViewMapping.Wei(lease.LeaseId)), ("order", ViewMapping.Wei(lease.OrderId)), ("slot", lease.Slot.ToString(CultureInfo.InvariantCulture)),
            ("state", lease.State.ToString() + (lease.CloseReason == LeaseReason.None ? string.Empty : $" ({lease.CloseReason})")),
            ("provider", lease.Provider ?? "(none)"), ("epoch", lease.Epoch.ToString(CultureInfo.InvariantCulture)),
            ("last heartbeat", Heartbeat(status)), ("last checkpoint", Checkpoint(status)),
            ("hand-overs", status.HandOvers.ToString(CultureInfo.InvariantCulture)),
            ("price", TokenAmount.PerHour(lease.PricePerSecond) + " tokens/h"), ("escrow left", EscrowLeft(status)),
            ("ends", $"{lease.EndsAt.ToString("u", CultureInfo.InvariantCulture)} (in {DurationText.Format(lease.EndsAt - status.Now)})"),
        ];
    }

    /// <summary>The provider's last heartbeat and its age, or "-" without a provider.</summary>
    public static string Heartbeat(LeaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.LastHeartbeat is { } at ? $"{DurationText.Format(status.Now - at)} ago" : "-";
    }

    /// <summary>The last checkpoint: step, CID and age, or "none".</summary>
    public static string Checkpoint(LeaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var lease = status.Lease;
        return lease.CheckpointDigest is null
            ? "none"
            : $"step {lease.CheckpointStep}, {status.LastCheckpoint?.Cid?.ToString() ?? "(CID not in the events)"}, {DurationText.Format(status.Now - lease.CheckpointAt)} ago";
    }

    /// <summary>The escrow not yet earned and how long it pays for.</summary>
    public static string EscrowLeft(LeaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return $"{TokenAmount.Format(status.EscrowLeft)} (buys {DurationText.Format(status.EscrowBuys)})";
    }
}
