using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The gossip subsystem's log messages, with stable event ids (8730–8749).</summary>
internal static partial class GossipLog
{
    [LoggerMessage(8730, LogLevel.Debug, "Gossip on {Topic} from {Peer} (signed by {Signer}): {Result}, {Reason}")]
    public static partial void MessageRefused(ILogger logger, GossipTopicKind topic, PeerId peer, PeerId? signer, ValidationResult result, string? reason);

    [LoggerMessage(8731, LogLevel.Information, "The operator is not registered yet: nothing is published on the gossip topics until it is")]
    public static partial void NotRegistered(ILogger logger);

    [LoggerMessage(8732, LogLevel.Warning, "Publishing on the gossip topics failed; retrying at the next tick")]
    public static partial void PublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(8733, LogLevel.Debug, "Announced checkpoint {Cid} of lease {LeaseId} epoch {Epoch} step {Step} (held: {Held}) to {PeerCount} peers")]
    public static partial void CheckpointAnnounced(ILogger logger, string cid, string leaseId, uint epoch, ulong step, bool held, int peerCount);

    [LoggerMessage(8734, LogLevel.Information, "Read {Count} registered operators from the registry")]
    public static partial void DirectoryLoaded(ILogger logger, int count);

    [LoggerMessage(8735, LogLevel.Warning, "Reading the registry's operators failed; retrying in {Delay}")]
    public static partial void DirectoryLoadFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(8736, LogLevel.Warning, "A checkpoint announcement could not be published; it is dropped")]
    public static partial void AnnouncementFailed(ILogger logger, Exception exception);
}
