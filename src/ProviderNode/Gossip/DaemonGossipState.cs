using System.Globalization;
using System.Numerics;
using System.Text;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Leases;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The daemon's own gossip state: the owner its operator serves (from the registry), the leases its lease store
/// holds as not final, and the capacity its bidding options declare less the GPUs those leases use.
/// </summary>
public sealed class DaemonGossipState : ILocalGossipState
{
    private readonly ProviderAccount _account;
    private readonly LeaseStore _leases;
    private readonly BiddingOptions _bidding;

    /// <summary>Creates the state view.</summary>
    public DaemonGossipState(ProviderAccount account, LeaseStore leases, IOptions<BiddingOptions> bidding)
    {
        ArgumentNullException.ThrowIfNull(bidding);
        _account = account;
        _leases = leases;
        _bidding = bidding.Value;
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
        var count = (uint)Math.Clamp(_bidding.GpuCount, 0, (int)GossipLimits.MaxGpuCount);
        var used = _leases.Active().Sum(lease => lease.Gpus);
        var free = (uint)Math.Clamp((long)count - used, 0L, count);
        return new LocalCapacity(Bounded(_bidding.GpuModel), count, free, (uint)Math.Max(_bidding.VramGb, 0), _bidding.Price);
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
