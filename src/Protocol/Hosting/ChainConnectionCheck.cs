using DePinGpu.Protocol.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Checks the chain connection when the host starts (the node answers, is the configured chain and holds the
/// deployment's contracts) so that a misconfigured node fails at start with a message naming what to change.
/// </summary>
public sealed partial class ChainConnectionCheck(ProtocolConnection connection, ILogger<ChainConnectionCheck> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.CheckAsync(cancellationToken).ConfigureAwait(false);
        LogConnected(logger, connection.Options.RpcUrl, connection.Deployment.ChainId, connection.Deployment.Contracts.Market);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Connected to chain {ChainId} at {RpcUrl} (market {Market})")]
    private static partial void LogConnected(ILogger logger, Uri rpcUrl, ulong chainId, string market);
}
