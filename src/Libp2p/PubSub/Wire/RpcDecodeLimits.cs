namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>
/// Bounds applied while decoding an RPC from a peer, so one frame cannot make us allocate without limit.
/// The defaults are far above what an honest js or go peer sends in one frame.
/// </summary>
public sealed record RpcDecodeLimits
{
    /// <summary>Most subscription entries in one RPC.</summary>
    public int MaxSubscriptions { get; init; } = 2048;

    /// <summary>Most messages in one RPC.</summary>
    public int MaxMessages { get; init; } = 4096;

    /// <summary>Most control entries (IHAVE, IWANT, GRAFT, PRUNE, IDONTWANT together) in one RPC.</summary>
    public int MaxControlEntries { get; init; } = 4096;

    /// <summary>Most message ids across all IHAVE, IWANT and IDONTWANT entries of one RPC.</summary>
    public int MaxMessageIds { get; init; } = 20_000;

    /// <summary>Most peer-exchange records across the PRUNEs of one RPC.</summary>
    public int MaxPeerExchangeRecords { get; init; } = 256;

    /// <summary>Longest topic id in UTF-8 bytes.</summary>
    public int MaxTopicLength { get; init; } = 1024;

    /// <summary>Longest message id in bytes.</summary>
    public int MaxMessageIdLength { get; init; } = 512;

    /// <summary>The defaults.</summary>
    public static RpcDecodeLimits Default { get; } = new();
}
