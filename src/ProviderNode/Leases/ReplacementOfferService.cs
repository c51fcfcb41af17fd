using System.Threading.Channels;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Drain;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// Offers to replace the provider of a lease that reopened with no standby left (<c>offerReplacement</c>, PROTOCOL.md
/// §3), when the node can serve it by the same rules as a first offer (<see cref="BidPolicy"/>). The first acceptable
/// offer is assigned the lease at once, which arrives as a <see cref="LeaseWon"/> and resumes from the committed
/// checkpoint like any hand-over. Losing the race, or being excluded from the order, is a revert that is logged.
/// </summary>
public sealed class ReplacementOfferService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly MarketClient _market;
    private readonly RegistryClient _registry;
    private readonly ProviderAccount _account;
    private readonly SpecStore _specs;
    private readonly LeaseStore _leases;
    private readonly BiddingOptions _options;
    private readonly IPricingPolicy _pricing;
    private readonly CurrentCapacity _capacity;
    private readonly DrainCoordinator _drain;
    private readonly ILogger<ReplacementOfferService> _logger;
    private ChannelReader<LeaseOpenForReplacement>? _reopened;

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public ReplacementOfferService(NodeEventBus bus, MarketClient market, RegistryClient registry, ProviderAccount account, SpecStore specs, LeaseStore leases,
        IOptions<BiddingOptions> options, IPricingPolicy pricing, CurrentCapacity capacity, DrainCoordinator drain, ILogger<ReplacementOfferService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bus = bus;
        _market = market;
        _registry = registry;
        _account = account;
        _specs = specs;
        _leases = leases;
        _options = options.Value;
        _pricing = pricing;
        _capacity = capacity;
        _drain = drain;
        _logger = logger;
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _reopened = _bus.Subscribe<LeaseOpenForReplacement>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var reopened in _reopened!.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!_options.Enabled || _drain.IsDraining || DateTimeOffset.UtcNow.ToUnixTimeSeconds() > (long)reopened.OfferDeadline)
            {
                continue;
            }

            try
            {
                await ConsiderAsync(reopened, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException)
            {
                HandoverLog.ReplacementNotOffered(_logger, reopened.LeaseId, exception.Message);
            }
        }
    }

    private async Task ConsiderAsync(LeaseOpenForReplacement reopened, CancellationToken cancellationToken)
    {
        if (_capacity.Value is not { } capacity)
        {
            HandoverLog.ReplacementNotOffered(_logger, reopened.LeaseId, "the node's GPU inventory is not known yet, or has nothing the registry can take");
            return;
        }

        var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        var order = await _market.GetOrderAsync(reopened.OrderId, cancellationToken).ConfigureAwait(false);
        if (owner is null || order is null)
        {
            HandoverLog.ReplacementNotOffered(_logger, reopened.LeaseId, owner is null ? "this operator is not registered" : "the order does not exist");
            return;
        }

        var spec = order.SpecCid is { } cid && await _specs.GetAsync(cid, _options.SpecWait, cancellationToken).ConfigureAwait(false) is { } bytes
            ? JobSpecParser.Parse(bytes).Spec
            : null;
        var freeGpus = capacity.Count - _leases.Active().Sum(lease => lease.Gpus);
        var freeStake = await _registry.FreeStakeAsync(owner, cancellationToken).ConfigureAwait(false);
        // The order itself stays finalized: the reopened lease is what takes offers, so it is judged as an open order.
        var open = order with { State = OrderState.Open };
        var refusal = BidPolicy.Refusal(open, spec, _options.Runtimes, capacity, freeGpus, freeStake);
        var decision = refusal is null
            ? BidPolicy.Decide(open, await _pricing.QuoteAsync(BidPolicy.Request(open, spec!, capacity), cancellationToken).ConfigureAwait(false))
            : BidDecision.Pass(refusal);
        if (decision.Price is not { } price)
        {
            HandoverLog.ReplacementNotOffered(_logger, reopened.LeaseId, decision.Reason!);
            return;
        }

        await _market.OfferReplacementAsync(reopened.LeaseId, price, cancellationToken).ConfigureAwait(false);
        HandoverLog.ReplacementOffered(_logger, reopened.LeaseId, reopened.Epoch, price);
    }
}
