using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Runs <see cref="TransactionSender.CheckWatchedAsync"/> every <see cref="TransactionOptions.WatchInterval"/>: a
/// transaction submitted without waiting that the node drops is sent again at its nonce, a stuck one is replaced.
/// While the node is unreachable it logs once, backs off and tries again.
/// </summary>
public sealed partial class TransactionWatcher(
    TransactionSender sender,
    IOptions<TransactionOptions> options,
    ILogger<TransactionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.WatchInterval;
        var delay = interval;
        var unreachable = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                var round = await sender.CheckWatchedAsync(stoppingToken).ConfigureAwait(false);
                if (round.Resent + round.Replaced + round.Reverted + round.Superseded > 0)
                {
                    LogRound(logger, round.Resent, round.Replaced, round.Reverted, round.Superseded, round.Pending);
                }

                unreachable = false;
                delay = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
            {
                if (!unreachable)
                {
                    LogUnreachable(logger, exception.Message);
                }

                unreachable = true;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Watched transactions: {Resent} re-sent, {Replaced} replaced, {Reverted} reverted, {Superseded} superseded, {Pending} pending")]
    private static partial void LogRound(ILogger logger, int resent, int replaced, int reverted, int superseded, int pending);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Warning, Message = "Cannot check watched transactions: {Reason}; backing off")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
