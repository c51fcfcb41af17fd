using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>
/// Decides whether, and at what price, this node offers for an order: its spec, the GPUs not taken by active leases,
/// the owner's free stake, the allowed runtimes (<see cref="BidPolicy"/>) and the pricing policy. First offers and
/// replacement offers for reopened leases are judged by these same rules.
/// </summary>
public sealed class OfferEvaluator
{
    private readonly RegistryClient _registry;
    private readonly SpecStore _specs;
    private readonly LeaseStore _leases;
    private readonly IPricingPolicy _pricing;
    private readonly BiddingOptions _options;

    /// <summary>Creates the evaluator.</summary>
    public OfferEvaluator(RegistryClient registry, SpecStore specs, LeaseStore leases, IPricingPolicy pricing, IOptions<BiddingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _specs = specs;
        _leases = leases;
        _pricing = pricing;
        _options = options.Value;
    }

    /// <summary>The decision on <paramref name="order"/> for provider <paramref name="owner"/> with <paramref name="capacity"/>.</summary>
    public async Task<BidDecision> DecideAsync(OrderDetails order, string owner, GpuCapacity capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(capacity);
        var spec = order.SpecCid is { } cid && await _specs.GetAsync(cid, _options.SpecWait, cancellationToken).ConfigureAwait(false) is { } bytes
            ? JobSpecParser.Parse(bytes).Spec
            : null;
        var freeGpus = capacity.Count - _leases.Active().Sum(lease => lease.Gpus);
        var freeStake = await _registry.FreeStakeAsync(owner, cancellationToken).ConfigureAwait(false);
        var refusal = BidPolicy.Refusal(order, spec, _options.Runtimes, capacity, freeGpus, freeStake);
        return refusal is null
            ? BidPolicy.Decide(order, await _pricing.QuoteAsync(BidPolicy.Request(order, spec!, capacity), cancellationToken).ConfigureAwait(false))
            : BidDecision.Pass(refusal);
    }
}
