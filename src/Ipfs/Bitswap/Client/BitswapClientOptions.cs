using DePinGpu.Ipfs.Bitswap.Messages;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Node-wide settings of <see cref="BitswapClient"/>.</summary>
public sealed record BitswapClientOptions
{
    /// <summary>Largest wantlist message sent.</summary>
    public int MaxMessageSize { get; init; } = BitswapMessageLimits.DefaultMaxMessageSize;

    /// <summary>How long a block that was wanted from a peer and then cancelled is still accepted from it (it may already be on its way).</summary>
    public TimeSpan CancelledWantGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most cancelled wants remembered per peer for that grace.</summary>
    public int MaxCancelledWantsPerPeer { get; init; } = 65_536;

    /// <summary>How long a peer that sent a wrong block is not asked again by any fetch.</summary>
    public TimeSpan MisbehavingPeerBan { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxMessageSize is < 1024 or > BitswapMessageLimits.DefaultMaxMessageSize || MaxCancelledWantsPerPeer <= 0)
        {
            throw new ArgumentException($"MaxMessageSize must be between 1 KiB and {BitswapMessageLimits.DefaultMaxMessageSize} bytes and MaxCancelledWantsPerPeer positive.");
        }

        if (CancelledWantGrace < TimeSpan.Zero || MisbehavingPeerBan < TimeSpan.Zero)
        {
            throw new ArgumentException("CancelledWantGrace and MisbehavingPeerBan must not be negative.");
        }
    }
}
