using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Transactions;

/// <summary>Retries one idempotent RPC call after transport failures only; node answers are never retried.</summary>
internal static partial class TransientRetry
{
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> call,
        TransactionOptions options,
        ILogger logger,
        string what,
        CancellationToken cancellationToken)
    {
        var delay = options.TransientRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcTransportException exception) when (attempt < options.TransientRetries)
            {
                LogRetry(logger, what, attempt + 1, options.TransientRetries, exception.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "RPC call for {What} failed in transport (attempt {Attempt} of {Retries}), retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, int retries, string reason);
}
