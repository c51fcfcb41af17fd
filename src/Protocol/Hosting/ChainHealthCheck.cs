using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Healthy when the node answers and reports the configured chain; the data carry the chain id and head block.
/// Unhealthy when the node is unreachable, answers nonsense or is another chain.
/// </summary>
public sealed class ChainHealthCheck(ProtocolConnection connection) : IHealthCheck
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
            return HealthCheckResult.Healthy(
                $"Chain {chainId} at block {head}.",
                new Dictionary<string, object> { ["chainId"] = chainId, ["head"] = head });
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
        {
            return HealthCheckResult.Unhealthy($"The node at {connection.Options.RpcUrl} does not answer: {exception.Message}", exception);
        }
    }
}
