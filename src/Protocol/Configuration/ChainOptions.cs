namespace DePinGpu.Protocol.Configuration;

/// <summary>How to reach the chain and find the contracts. Bound from configuration by <c>AddChainConnection</c>; checked at start against the node and the deployment.</summary>
public sealed record ChainOptions : IValidatedOptions
{
    /// <summary>The JSON-RPC endpoint (http or https).</summary>
    public required Uri RpcUrl { get; init; }

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

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RpcUrl is null || !RpcUrl.IsAbsoluteUri || (RpcUrl.Scheme != Uri.UriSchemeHttp && RpcUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"RpcUrl '{RpcUrl}' must be an absolute http:// or https:// URL.");
        }

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
}
