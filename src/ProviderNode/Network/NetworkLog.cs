using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Network;

/// <summary>The network subsystem's log messages, with stable event ids (8780–8799).</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(8780, LogLevel.Debug, "Provider {Provider}'s metadata {Cid} is not usable: {Reason}")]
    public static partial void MetadataUnusable(ILogger logger, string provider, string cid, string reason);

    [LoggerMessage(8781, LogLevel.Debug, "Connected to provider {Provider}'s node {Peer} at {Address}")]
    public static partial void ProviderDialled(ILogger logger, string provider, PeerId peer, string address);

    [LoggerMessage(8782, LogLevel.Debug, "Could not dial provider {Provider}'s node {Peer} at {Address}: {Reason}")]
    public static partial void ProviderDialFailed(ILogger logger, string provider, PeerId peer, string address, string reason);

    [LoggerMessage(8783, LogLevel.Warning, "Looking up registered providers' nodes failed; retrying at the next round")]
    public static partial void DiscoveryRoundFailed(ILogger logger, Exception exception);
}
