using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// The host's chain event stream: from the deployment block, with the configured confirmations, it hands decoded
/// registry and market events to every registered <see cref="IChainEventHandler"/> and keeps its cursor in
/// <see cref="ChainEventsOptions.CursorFile"/>. Constructing it opens nothing; the cursor file is opened when the
/// host starts the service and closed when it stops. Delivery is at least once: a handler that fails, or a process
/// that dies after a handler ran but before the cursor was saved, sees the batch again — so handlers are idempotent.
/// A failing handler is logged and retried with back-off; a reorg deeper than the remembered history stops the host.
/// </summary>
public sealed partial class ChainEventService(
    ProtocolConnection connection,
    IOptions<ChainEventsOptions> options,
    IEnumerable<IChainEventHandler> handlers,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<ChainEventService>();
    private readonly ChainEventDispatcher _dispatcher = new(handlers);
    private volatile string? _handlerFault;

    /// <summary>Why the last batch could not be handled, while the service is retrying it; null when handling works.</summary>
    public string? HandlerFault => _handlerFault;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var store = new ChainCursorStore(settings.CursorFile);
        var stream = new ChainEventStream(connection.Rpc, connection.Events, store, StreamOptions(settings), loggers.CreateLogger<ChainEventStream>(), connection.Metrics, connection.Head);
        LogStarted(_logger, settings.StreamName, _dispatcher.HandlerCount, store.GetPosition(settings.StreamName)?.Number);
        var backoff = settings.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.RunAsync(new FaultClearingHandler(this), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not ChainReorgTooDeepException)
            {
                // A handler (or the cursor file) failed: nothing of the batch was committed, so it comes again.
                _handlerFault = $"{exception.GetType().Name}: {exception.Message}";
                LogHandlerFailed(_logger, exception, settings.StreamName, backoff);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
            }
        }

        LogStopped(_logger, settings.StreamName);
    }

    // Clears the fault once a batch (or a rollback) has been handled again.
    private sealed class FaultClearingHandler(ChainEventService service) : IChainEventHandler
    {
        public async Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
        {
            await service._dispatcher.HandleAsync(batch, cancellationToken).ConfigureAwait(false);
            service._handlerFault = null;
        }

        public async Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
        {
            await service._dispatcher.RollbackAsync(rollback, cancellationToken).ConfigureAwait(false);
            service._handlerFault = null;
        }
    }

    private ChainEventStreamOptions StreamOptions(ChainEventsOptions settings) => new()
    {
        Name = settings.StreamName,
        StartBlock = connection.Deployment.DeploymentBlock,
        Confirmations = connection.Options.Confirmations,
        PollInterval = connection.Options.PollInterval,
        MaxBlockRange = settings.MaxBlockRange,
        HistoryDepth = settings.HistoryDepth,
        MinBackoff = settings.MinBackoff,
        MaxBackoff = settings.MaxBackoff,
    };

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Event stream {Stream} started for {Handlers} handlers (cursor at block {Block})")]
    private static partial void LogStarted(ILogger logger, string stream, int handlers, ulong? block);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "Event stream {Stream}: a handler failed; the batch is delivered again in {Delay}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string stream, TimeSpan delay);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Event stream {Stream} stopped")]
    private static partial void LogStopped(ILogger logger, string stream);
}
