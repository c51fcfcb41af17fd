using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Drain;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>
/// Watches new orders and offers for those the node can run. An order seen twice (events arrive at least once) gets
/// one offer: the market refuses a second (DuplicateOffer), which is logged and changes nothing.
/// </summary>
public sealed class BiddingService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly MarketClient _market;
    private readonly ProviderAccount _account;
    private readonly OfferEvaluator _evaluator;
    private readonly BiddingOptions _options;
    private readonly NodeMetrics _metrics;
    private readonly DrainCoordinator _drain;
    private readonly GpuInventory _inventory;
    private readonly CurrentCapacity _current;
    private readonly ILogger<BiddingService> _logger;

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public BiddingService(NodeEventBus bus, MarketClient market, ProviderAccount account, OfferEvaluator evaluator,
        IOptions<BiddingOptions> options, NodeMetrics metrics, DrainCoordinator drain, GpuInventory inventory, CurrentCapacity current, ILogger<BiddingService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bus = bus;
        _market = market;
        _account = account;
        _evaluator = evaluator;
        _options = options.Value;
        _metrics = metrics;
        _drain = drain;
        _inventory = inventory;
        _current = current;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var orders = _bus.Subscribe<OrderOpened>();
        var (capacity, problem) = GpuCapacity.Of(await _inventory.ReadAsync(stoppingToken).ConfigureAwait(false));
        _current.Value = capacity;
        await foreach (var opened in orders.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!_options.Enabled || _drain.IsDraining || DateTimeOffset.UtcNow.ToUnixTimeSeconds() > (long)opened.BidDeadline)
            {
                continue;
            }

            try
            {
                if (capacity is null)
                {
                    NodeLog.OrderPassed(_logger, opened.OrderId, problem!);
                    continue;
                }

                await ConsiderAsync(opened, capacity, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException)
            {
                NodeLog.OfferFailed(_logger, opened.OrderId, exception.Message);
            }
        }
    }

    private async Task ConsiderAsync(OrderOpened opened, GpuCapacity capacity, CancellationToken cancellationToken)
    {
        var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        var order = await _market.GetOrderAsync(opened.OrderId, cancellationToken).ConfigureAwait(false);
        if (owner is null || order is null)
        {
            NodeLog.OrderPassed(_logger, opened.OrderId, owner is null ? "this operator is not registered" : "the order does not exist");
            return;
        }

        var decision = await _evaluator.DecideAsync(order, owner, capacity, cancellationToken).ConfigureAwait(false);
        if (decision.Price is not { } price)
        {
            NodeLog.OrderPassed(_logger, opened.OrderId, decision.Reason!);
            return;
        }

        await _market.PlaceOfferAsync(opened.OrderId, price, cancellationToken).ConfigureAwait(false);
        _metrics.OfferPlaced();
        NodeLog.OfferPlaced(_logger, opened.OrderId, price);
    }
}
