using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Bitswap.Server;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>Settings of a <see cref="BitswapNode"/>.</summary>
public sealed record BitswapNodeOptions
{
    /// <summary>The configuration section <c>AddBitswap</c> reads by default.</summary>
    public const string SectionName = "Bitswap";

    /// <summary>Serving limits and tuning.</summary>
    public BitswapServerOptions Server { get; init; } = new();

    /// <summary>Node-wide fetching settings (per-fetch settings are <see cref="FetchOptions"/>).</summary>
    public BitswapClientOptions Client { get; init; } = new();

    /// <summary>The libp2p binding's settings (used when <c>AddBitswap</c> binds the node to the host).</summary>
    public Libp2pBitswapNetworkOptions Network { get; init; } = new();
}
