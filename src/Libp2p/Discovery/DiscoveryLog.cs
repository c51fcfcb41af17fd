using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>Log messages of discovery with stable event ids (4200–4249).</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Connected to bootstrap peer {Peer}")]
    public static partial void BootstrapConnected(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Dialing bootstrap peer {Peer} failed ({Failures} in a row); retrying in {Backoff}")]
    public static partial void BootstrapFailed(ILogger logger, Exception exception, PeerId peer, int failures, TimeSpan backoff);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "Discovered {Peer} via {Source} ({Count} addresses)")]
    public static partial void Discovered(ILogger logger, PeerId peer, DiscoverySource source, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Dialing discovered peer {Peer} failed")]
    public static partial void DiscoveredDialFailed(ILogger logger, Exception exception, PeerId peer);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "Ignoring malformed mDNS packet from {Sender}: {Reason}")]
    public static partial void MalformedMdns(ILogger logger, string sender, string reason);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "mDNS socket error; discovery continues")]
    public static partial void MdnsSocketError(ILogger logger, Exception exception);
}
