using DePinGpu.ProviderNode.NodeEvents;
using Microsoft.Extensions.Hosting;

namespace DePinGpu.ProviderNode.Specs;

/// <summary>Keeps the <see cref="OpenOrderBook"/> in step with the chain's order events (repeats change nothing).</summary>
public sealed class SpecsService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly OpenOrderBook _orders;

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public SpecsService(NodeEventBus bus, OpenOrderBook orders)
    {
        _bus = bus;
        _orders = orders;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _bus.Subscribe<INodeEvent>();
        await foreach (var nodeEvent in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            switch (nodeEvent)
            {
                case OrderOpened { SpecCid: { } specCid } opened:
                    _orders.Open(opened.OrderId, specCid);
                    break;
                case OrderEnded ended:
                    _orders.End(ended.OrderId);
                    break;
            }
        }
    }
}
