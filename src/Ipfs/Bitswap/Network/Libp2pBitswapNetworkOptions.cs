using DePinGpu.Ipfs.Bitswap.Messages;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>Settings of <see cref="Libp2pBitswapNetwork"/>.</summary>
public sealed record Libp2pBitswapNetworkOptions
{
    /// <summary>Bounds on received messages (4 MiB by default, as every Bitswap implementation uses).</summary>
    public BitswapMessageLimits MessageLimits { get; init; } = BitswapMessageLimits.Default;

    /// <summary>
    /// An outbound stream unused for this long is closed; the next message opens a new one. Helia aborts an inbound
    /// stream that carries no message for 10 s, so this stays well below that.
    /// </summary>
    public TimeSpan IdleStreamTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An inbound stream on which no message arrives for this long is reset (frees the stream slot).</summary>
    public TimeSpan InboundIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time one message may take to be written before the stream is given up.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(MessageLimits);
        MessageLimits.Validate();
        if (IdleStreamTimeout <= TimeSpan.Zero || InboundIdleTimeout <= TimeSpan.Zero || SendTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("IdleStreamTimeout, InboundIdleTimeout and SendTimeout must be positive.");
        }
    }
}
