namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Which trustless gateways <see cref="GatewayClient"/> fetches from and the limits it enforces on what they send.
/// Every gateway is untrusted: limits bound memory and traffic, and every block is verified against its CID.
/// </summary>
public sealed record GatewayClientOptions
{
    /// <summary>Gateway base addresses (e.g. <c>http://10.0.0.7:8080/</c>), tried in order of recent health.</summary>
    public IList<Uri> Gateways { get; init; } = new List<Uri>();

    /// <summary>When the root is not stored yet, first try one CAR download (one request for the whole DAG).</summary>
    public bool PreferCar { get; init; } = true;

    /// <summary>Largest block accepted, in bytes (Bitswap's 2 MiB).</summary>
    public int MaxBlockSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>Most blocks one DAG may have.</summary>
    public long MaxDagBlocks { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most bytes one fetch may download (blocks already stored cost nothing).</summary>
    public long MaxFetchBytes { get; init; } = 1L << 40;

    /// <summary>Block requests in flight at once.</summary>
    public int MaxParallelRequests { get; init; } = 8;

    /// <summary>Time allowed for one block request, and the longest a CAR stream may stall between two blocks.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Passes over all gateways for one block when failures look transient (timeouts, 5xx, network).</summary>
    public int MaxRounds { get; init; } = 3;

    /// <summary>Pause before the second pass; doubled for each further pass.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Blocks a CAR may carry that are not part of the requested DAG before the gateway is dropped as misbehaving.</summary>
    public int MaxUnexpectedCarBlocks { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Gateways is null || Gateways.Count is 0 or > 100)
        {
            errors.Add("Gateways must list 1 to 100 gateway addresses.");
        }
        else if (Gateways.Any(gateway => gateway is null || !gateway.IsAbsoluteUri || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("Every gateway must be an absolute http:// or https:// address.");
        }

        if (MaxBlockSize is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"MaxBlockSize {MaxBlockSize} must be between 1 KiB and 64 MiB.");
        }

        if (MaxDagBlocks < 1 || MaxFetchBytes < 1)
        {
            errors.Add("MaxDagBlocks and MaxFetchBytes must be positive.");
        }

        if (MaxParallelRequests is < 1 or > 256)
        {
            errors.Add($"MaxParallelRequests {MaxParallelRequests} must be between 1 and 256.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"RequestTimeout {RequestTimeout} must be positive and at most one hour.");
        }

        if (MaxRounds is < 1 or > 10 || RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add("MaxRounds must be 1 to 10 and RetryDelay between 0 and one minute.");
        }

        if (MaxUnexpectedCarBlocks < 0)
        {
            errors.Add("MaxUnexpectedCarBlocks must not be negative.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid gateway client options: " + string.Join(" ", errors));
        }
    }
}
