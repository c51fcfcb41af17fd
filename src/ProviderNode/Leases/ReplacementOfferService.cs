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
/// Offers to replace the provider of a lease that reopened with no standby left (<c>offerReplacement</c>, docs/design.md
/// §3), when the node can serve it by the same rules as a first offer (<see cref="BidPolicy"/>). The first acceptable
/// offer is assigned the lease at once, which arrives as a <see cref="LeaseWon"/> and resumes from the committed
/// checkpoint like any hand-over. Losing the race, or being excluded from the order, is a revert that is logged.
/// </summary>
public sealed class ReplacementOfferService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly MarketClient _market;
    private readonly ProviderAccount _account;
    private readonly OfferEvaluator _evaluator;
    private readonly BiddingOptions _options;
    private readonly CurrentCapacity _capacity;
    private readonly DrainCoordinator _drain;
    private readonly ILogger<ReplacementOfferService> _logger;
    private ChannelReader<LeaseOpenForReplacement>? _reopened;

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public ReplacementOfferService(NodeEventBus bus, MarketClient market, ProviderAccount account, OfferEvaluator evaluator,
        IOptions<BiddingOptions> options, CurrentCapacity capacity, DrainCoordinator drain, ILogger<ReplacementOfferService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bus = bus;
        _market = market;
        _account = account;
        _evaluator = evaluator;
        _options = options.Value;
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

        // The order itself stays finalized: the reopened lease is what takes offers, so it is judged as an open order.
        var decision = await _evaluator.DecideAsync(order with { State = OrderState.Open }, owner, capacity, cancellationToken).ConfigureAwait(false);
        if (decision.Price is not { } price)
        {
            HandoverLog.ReplacementNotOffered(_logger, reopened.LeaseId, decision.Reason!);
            return;
        }

        await _market.OfferReplacementAsync(reopened.LeaseId, price, cancellationToken).ConfigureAwait(false);
        HandoverLog.ReplacementOffered(_logger, reopened.LeaseId, reopened.Epoch, price);
    }
}
