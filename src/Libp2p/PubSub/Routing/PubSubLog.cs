using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Log messages of the pubsub router with stable event ids (4100–4199).</summary>
internal static partial class PubSubLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Pubsub peer {Peer} added ({Protocol}, outbound {Outbound})")]
    public static partial void PeerAdded(ILogger logger, PeerId peer, string protocol, bool outbound);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Pubsub peer {Peer} removed")]
    public static partial void PeerRemoved(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Ignoring RPC from graylisted peer {Peer} (score {Score})")]
    public static partial void Graylisted(ILogger logger, PeerId peer, double score);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Invalid message from {Peer} on {Topic}: {Reason}")]
    public static partial void InvalidMessage(ILogger logger, PeerId peer, string topic, InvalidMessageReason reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Message {Id} from {Peer} on {Topic}: validator said {Result}")]
    public static partial void ValidationOutcome(ILogger logger, MessageId id, PeerId peer, string topic, ValidationResult result);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Validator for {Topic} timed out after {Timeout}; message ignored")]
    public static partial void ValidatorTimeout(ILogger logger, string topic, TimeSpan timeout);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Validator for {Topic} threw; message ignored")]
    public static partial void ValidatorFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "Rate limit exceeded by {Peer}; message dropped")]
    public static partial void RateLimited(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "GRAFT from {Peer} on {Topic} refused: {Reason}")]
    public static partial void GraftRefused(ILogger logger, PeerId peer, string topic, string reason);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "Malformed RPC from {Peer}: {Reason}")]
    public static partial void MalformedRpc(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Debug, Message = "Peer {Peer} broke {Count} IWANT promises")]
    public static partial void BrokenPromises(ILogger logger, PeerId peer, int count);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Subscription to {Topic} subscribed by peer {Peer} ignored: it has reached {Limit} topics")]
    public static partial void TooManyTopics(ILogger logger, string topic, PeerId peer, int limit);
}
