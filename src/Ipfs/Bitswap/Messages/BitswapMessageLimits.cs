namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>Bounds applied to every received message before anything in it is acted on.</summary>
public sealed record BitswapMessageLimits
{
    /// <summary>The largest message Bitswap implementations send or accept (Helia, boxo): 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Shared default instance.</summary>
    public static BitswapMessageLimits Default { get; } = new();

    /// <summary>Largest encoded message (without its length prefix).</summary>
    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Most wantlist entries in one message.</summary>
    public int MaxWantlistEntries { get; init; } = 16_384;

    /// <summary>Most blocks in one message.</summary>
    public int MaxBlocks { get; init; } = 16_384;

    /// <summary>Most block presences in one message.</summary>
    public int MaxBlockPresences { get; init; } = 16_384;

    /// <summary>Throws <see cref="ArgumentException"/> when a bound is not positive.</summary>
    public void Validate()
    {
        if (MaxMessageSize <= 0 || MaxWantlistEntries <= 0 || MaxBlocks <= 0 || MaxBlockPresences <= 0)
        {
            throw new ArgumentException("Every Bitswap message limit must be positive.");
        }
    }
}
