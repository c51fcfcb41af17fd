using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Server;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>Settings of a <see cref="BitswapNode"/>.</summary>
public sealed record BitswapNodeOptions
{
    /// <summary>Serving limits and tuning.</summary>
    public BitswapServerOptions Server { get; init; } = new();

    /// <summary>Node-wide fetching settings (per-fetch settings are <see cref="FetchOptions"/>).</summary>
    public BitswapClientOptions Client { get; init; } = new();
}
