using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>Bitswap log messages with stable event ids (5600-5699).</summary>
internal static partial class BitswapLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Debug, Message = "Bitswap peer {PeerId} sent {Count} wantlist entries beyond the limit of {Limit}; they were ignored")]
    public static partial void WantlistLimitReached(ILogger logger, string peerId, int count, int limit);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Warning, Message = "Block {Cid} in the store is corrupt; peers asking for it are told the node does not have it")]
    public static partial void CorruptStoredBlock(ILogger logger, string cid);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Error, Message = "Reading block {Cid} for a Bitswap peer failed")]
    public static partial void StoreReadFailed(ILogger logger, string cid, Exception exception);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Debug, Message = "Sending a Bitswap message to {PeerId} failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Error, Message = "A Bitswap server worker failed")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5610, Level = LogLevel.Warning, Message = "Bitswap peer {PeerId} sent block {Cid}, which was not asked of it (a corrupt or unsolicited block); the peer is dropped")]
    public static partial void WrongBlock(ILogger logger, string peerId, string cid);

    [LoggerMessage(EventId = 5611, Level = LogLevel.Debug, Message = "Bitswap peer {PeerId} sent a block hashed with an unsupported function ({Prefix}); it was ignored")]
    public static partial void UnverifiableBlock(ILogger logger, string peerId, string prefix);

    [LoggerMessage(EventId = 5612, Level = LogLevel.Information, Message = "Fetch of {Root} dropped peer {PeerId}: {Reason}")]
    public static partial void PeerDropped(ILogger logger, string root, string peerId, string reason);

    [LoggerMessage(EventId = 5613, Level = LogLevel.Debug, Message = "Fetch of {Root}: peer {PeerId} stalled with {Count} wants in flight; re-asking other peers")]
    public static partial void PeerStalled(ILogger logger, string root, string peerId, int count);

    [LoggerMessage(EventId = 5614, Level = LogLevel.Information, Message = "Fetch of {Root} completed: {Blocks} blocks ({Bytes} bytes) fetched, {Present} already present, in {Milliseconds} ms")]
    public static partial void FetchCompleted(ILogger logger, string root, long blocks, long bytes, long present, long milliseconds);

    [LoggerMessage(EventId = 5615, Level = LogLevel.Warning, Message = "Fetch of {Root} made no progress for {Seconds} s; {Missing} blocks are still missing")]
    public static partial void FetchStalled(ILogger logger, string root, double seconds, int missing);

    [LoggerMessage(EventId = 5620, Level = LogLevel.Debug, Message = "Bitswap stream from {PeerId} failed: {Reason}")]
    public static partial void InboundStreamFailed(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 5621, Level = LogLevel.Warning, Message = "Handling a Bitswap message from {PeerId} failed")]
    public static partial void HandlerFailed(ILogger logger, string peerId, Exception exception);
}
