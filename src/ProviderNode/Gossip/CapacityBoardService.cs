using DePinGpu.ProviderNode.NodeEvents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Fills the <see cref="CapacityBoard"/> from the <see cref="PeerCapacitySeen"/> events of the gossip service.</summary>
public sealed class CapacityBoardService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly CapacityBoard _board;
    private readonly TimeProvider _time;
    private readonly ILogger<CapacityBoardService> _logger;

    /// <summary>Creates the service; it subscribes when started.</summary>
    public CapacityBoardService(NodeEventBus bus, CapacityBoard board, TimeProvider time, ILogger<CapacityBoardService> logger)
    {
        _bus = bus;
        _board = board;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _bus.Subscribe<PeerCapacitySeen>();
        await foreach (var seen in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_board.Record(seen, _time.GetUtcNow()))
            {
                CapacityBoardLog.Forgotten(_logger, CapacityBoard.MaxProviders);
            }

            CapacityBoardLog.Recorded(_logger, seen.Provider, seen.GpuModel, seen.FreeGpus, seen.GpuCount, seen.PricePerGpuSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
