using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>Log messages of the pubsub stream plumbing with stable event ids (4150–4199).</summary>
internal static partial class PubSubNetworkLog
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Debug, Message = "Could not open a pubsub stream to {Peer}")]
    public static partial void OpenFailed(ILogger logger, Exception exception, PeerId peer);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Debug, Message = "Pubsub stream from {Peer} ended with an error")]
    public static partial void InboundFailed(ILogger logger, Exception exception, PeerId peer);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Debug, Message = "Writing to {Peer} failed; closing its pubsub session")]
    public static partial void OutboundFailed(ILogger logger, Exception exception, PeerId peer);

    [LoggerMessage(EventId = 4153, Level = LogLevel.Error, Message = "Pubsub heartbeat failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4154, Level = LogLevel.Debug, Message = "Peer exchange entry for {Peer} ignored: {Reason}")]
    public static partial void PeerExchangeIgnored(ILogger logger, PeerId peer, string reason);
}
