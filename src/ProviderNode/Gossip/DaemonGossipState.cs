using System.Globalization;
using System.Numerics;
using System.Text;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Leases;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The daemon's own gossip state: the owner its operator serves (from the registry), the leases its lease store
/// holds as not final, and the capacity its inventory offers (as the bidding read it) less the GPUs those leases use, at its configured price (0 when a pricing script decides).
/// </summary>
public sealed class DaemonGossipState : ILocalGossipState
{
    private readonly ProviderAccount _account;
    private readonly LeaseStore _leases;
    private readonly CurrentCapacity _capacity;
    private readonly PricingOptions _pricing;

    /// <summary>Creates the state view.</summary>
    public DaemonGossipState(ProviderAccount account, LeaseStore leases, CurrentCapacity capacity, IOptions<PricingOptions> pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        _account = account;
        _leases = leases;
        _capacity = capacity;
        _pricing = pricing.Value;
    }

    /// <inheritdoc />
    public Task<string?> ProviderAsync(CancellationToken cancellationToken) => _account.OwnerAsync(cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<LeaseEpoch> RunningLeases() =>
        [.. _leases.Active()
            .Select(lease => new LeaseEpoch(BigInteger.Parse(lease.Id, NumberStyles.None, CultureInfo.InvariantCulture), checked((uint)lease.Epoch)))
            .Take(GossipLimits.MaxHeartbeatLeases)];

    /// <inheritdoc />
    public LocalCapacity Capacity()
    {
        var capacity = _capacity.Value;
        var model = capacity?.Model ?? string.Empty;
        var count = (uint)Math.Clamp(capacity?.Count ?? 0, 0, (int)GossipLimits.MaxGpuCount);
        var used = _leases.Active().Sum(lease => lease.Gpus);
        var free = (uint)Math.Clamp((long)count - used, 0L, count);
        var price = PriceText.Parse(_pricing.PerGpuSecond.TryGetValue(model, out var configured) ? configured : _pricing.DefaultPerGpuSecond) ?? BigInteger.Zero;
        return new LocalCapacity(Bounded(model), count, free, (uint)Math.Clamp(capacity?.VramGb ?? 0, 0, uint.MaxValue), price);
    }

    /// <summary>The model name cut to what the capacity message carries (a longer configured name would fail every publish).</summary>
    private static string Bounded(string model)
    {
        var bounded = model;
        while (Encoding.UTF8.GetByteCount(bounded) > GossipLimits.MaxGpuModelBytes)
        {
            bounded = bounded[..^1];
        }

        return bounded;
    }
}
