using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Healthy when the node answers and reports the configured chain; the data carry the chain id and head block.
/// Degraded while the host's event stream (when there is one) keeps failing to hand a batch to its handlers.
/// Unhealthy when the node is unreachable, answers nonsense or is another chain.
/// </summary>
public sealed class ChainHealthCheck(ProtocolConnection connection, IEnumerable<ChainEventService> eventServices) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var chainId = await connection.Rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
            if (chainId != connection.Options.ChainId)
            {
                return HealthCheckResult.Unhealthy($"The node at {connection.Options.RpcUrl} is chain {chainId}, not {connection.Options.ChainId}.");
            }

            var head = await connection.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["chainId"] = chainId, ["head"] = head };
            return eventServices.Select(service => service.HandlerFault).FirstOrDefault(fault => fault is not null) is { } fault
                ? HealthCheckResult.Degraded($"Chain {chainId} at block {head}, but the event handlers keep failing: {fault}", null, data)
                : HealthCheckResult.Healthy($"Chain {chainId} at block {head}.", data);
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
        {
            return HealthCheckResult.Unhealthy($"The node at {connection.Options.RpcUrl} does not answer: {exception.Message}", exception);
        }
    }
}
