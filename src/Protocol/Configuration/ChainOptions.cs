using DePinGpu.Protocol.Validation;

namespace DePinGpu.Protocol.Configuration;

/// <summary>How to reach the chain and find the contracts. Bound from configuration by <c>AddChainConnection</c>; checked at start against the node and the deployment.</summary>
public sealed record ChainOptions : IValidatedOptions
{
    /// <summary>The JSON-RPC endpoint (http or https).</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>
    /// More JSON-RPC endpoints of the same chain (at most 7): reads fail over to them in order when the one in use
    /// cannot be reached, and every transaction is handed to all of them (<c>Chain:FallbackRpcUrls:0</c>, …).
    /// </summary>
    public IReadOnlyList<Uri> FallbackRpcUrls { get; init; } = [];

    /// <summary>The chain id the node must report.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Path of the <c>deployments/&lt;chainId&gt;.json</c> file.</summary>
    public required string DeploymentFile { get; init; }

    /// <summary>Blocks an event must be buried under before it is acted on.</summary>
    public uint Confirmations { get; init; } = 2;

    /// <summary>How often event streams poll once caught up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-request RPC timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every endpoint: <see cref="RpcUrl"/> first, then the fallbacks.</summary>
    public IReadOnlyList<Uri> RpcEndpoints() => [RpcUrl, .. FallbackRpcUrls ?? []];

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsHttpUrl(RpcUrl))
        {
            problems.Add($"RpcUrl '{RpcUrl}' must be an absolute http:// or https:// URL.");
        }

        AddFallbackProblems(problems);

        if (ChainId == 0)
        {
            problems.Add("ChainId must be set (31337 for a local anvil devnet).");
        }

        if (string.IsNullOrWhiteSpace(DeploymentFile))
        {
            problems.Add("DeploymentFile must name the deployments/<chainId>.json file.");
        }

        if (Confirmations > 10_000)
        {
            problems.Add($"Confirmations {Confirmations} is more than 10,000 blocks; use a realistic finality depth.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"PollInterval {PollInterval} must be between 10 ms and 10 minutes.");
        }

        if (RequestTimeout < TimeSpan.FromMilliseconds(100) || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"RequestTimeout {RequestTimeout} must be between 100 ms and 10 minutes.");
        }

        return problems;
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is not null && url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private void AddFallbackProblems(List<string> problems)
    {
        var fallbacks = FallbackRpcUrls ?? [];
        if (fallbacks.Count > Rpc.JsonRpcClient.MaxEndpoints - 1)
        {
            problems.Add($"FallbackRpcUrls has {fallbacks.Count} URLs; at most {Rpc.JsonRpcClient.MaxEndpoints - 1} are allowed.");
        }

        for (var index = 0; index < fallbacks.Count; index++)
        {
            if (!IsHttpUrl(fallbacks[index]))
            {
                problems.Add($"FallbackRpcUrls:{index} '{fallbacks[index]}' must be an absolute http:// or https:// URL.");
            }
            else if (fallbacks[index] == RpcUrl || fallbacks.Take(index).Contains(fallbacks[index]))
            {
                problems.Add($"FallbackRpcUrls:{index} '{fallbacks[index]}' repeats an endpoint already given.");
            }
        }
    }
}
