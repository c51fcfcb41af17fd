using DePinGpu.Ipfs.Bitswap.Messages;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>Limits and tuning of <see cref="BitswapServer"/>.</summary>
public sealed record BitswapServerOptions
{
    /// <summary>Largest message sent (the Bitswap limit every implementation accepts).</summary>
    public int MaxMessageSize { get; init; } = BitswapMessageLimits.DefaultMaxMessageSize;

    /// <summary>A server turn stops adding blocks to a message once it holds this many bytes (one peer's share per turn).</summary>
    public int TargetMessageSize { get; init; } = 1024 * 1024;

    /// <summary>A want-have for a block of at most this many bytes is answered with the block itself (Bitswap 1.2.0).</summary>
    public int MaxInlineBlockSize { get; init; } = 1024;

    /// <summary>Most wants remembered per peer; further wants are ignored until earlier ones are served or cancelled.</summary>
    public int MaxWantlistEntriesPerPeer { get; init; } = 8192;

    /// <summary>Most message bytes handed to the network and not yet written, per peer.</summary>
    public long MaxBytesInFlightPerPeer { get; init; } = 8L * 1024 * 1024;

    /// <summary>Turns served in parallel (each turn builds one message for one peer).</summary>
    public int WorkerCount { get; init; } = 4;

    /// <summary>Hash every block before sending it (receivers verify anyway; this catches a corrupt store earlier at a CPU cost).</summary>
    public bool VerifyBlocksBeforeSending { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxMessageSize is < 1024 or > BitswapMessageLimits.DefaultMaxMessageSize)
        {
            throw new ArgumentException($"MaxMessageSize must be between 1 KiB and {BitswapMessageLimits.DefaultMaxMessageSize} bytes.");
        }

        if (TargetMessageSize <= 0 || TargetMessageSize > MaxMessageSize)
        {
            throw new ArgumentException("TargetMessageSize must be positive and at most MaxMessageSize.");
        }

        if (MaxInlineBlockSize < 0 || MaxWantlistEntriesPerPeer <= 0 || MaxBytesInFlightPerPeer <= 0 || WorkerCount <= 0)
        {
            throw new ArgumentException("MaxInlineBlockSize must not be negative; MaxWantlistEntriesPerPeer, MaxBytesInFlightPerPeer and WorkerCount must be positive.");
        }
    }
}
