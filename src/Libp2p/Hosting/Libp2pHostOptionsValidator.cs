using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Checks <see cref="Libp2pHostOptions"/>; every problem names its configuration key.</summary>
public sealed class Libp2pHostOptionsValidator(string section) : SectionValidator<Libp2pHostOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(Libp2pHostOptions options, ConfigurationProblems problems)
    {
        problems.Require(!string.IsNullOrWhiteSpace(options.AgentVersion), nameof(options.AgentVersion), "must not be empty.");
        problems.Require(!string.IsNullOrWhiteSpace(options.ProtocolVersion), nameof(options.ProtocolVersion), "must not be empty.");
        for (var index = 0; index < options.ListenAddresses.Count; index++)
        {
            var address = options.ListenAddresses[index];
            var listenable = address is not null && address.TryGetTcpTarget(out var host, out _)
                && (host.Protocol == MultiaddrProtocol.Ip4 || host.Protocol == MultiaddrProtocol.Ip6);
            problems.Require(listenable, $"{nameof(options.ListenAddresses)}:{index}", $"'{address}' is not /ip4/<address>/tcp/<port> or /ip6/<address>/tcp/<port>.");
        }

        problems.RequirePositive(options.IdentifyTimeout, nameof(options.IdentifyTimeout));
        problems.RequirePositive(options.ShutdownGracePeriod, nameof(options.ShutdownGracePeriod));
        CheckLimits(options.Limits, problems, nameof(options.Limits));
        CheckYamux(options.Yamux, problems, nameof(options.Yamux));
    }

    private static void CheckLimits(ConnectionLimits limits, ConfigurationProblems problems, string key)
    {
        problems.RequireRange(limits.MaxConnections, 1, 1_000_000, $"{key}:{nameof(limits.MaxConnections)}");
        problems.RequireRange(limits.MaxConnectionsPerPeer, 1, 64, $"{key}:{nameof(limits.MaxConnectionsPerPeer)}");
        problems.RequireRange(limits.MaxPendingHandshakes, 1, 100_000, $"{key}:{nameof(limits.MaxPendingHandshakes)}");
        problems.RequireRange(limits.MaxPendingHandshakesPerSource, 1, 100_000, $"{key}:{nameof(limits.MaxPendingHandshakesPerSource)}");
        problems.RequireRange(limits.MaxPendingHandshakesPerSubnet, 1, 100_000, $"{key}:{nameof(limits.MaxPendingHandshakesPerSubnet)}");
        problems.RequireRange(limits.PendingHandshakesReservedForKnownPeers, 0, limits.MaxPendingHandshakes - 1, $"{key}:{nameof(limits.PendingHandshakesReservedForKnownPeers)}");
        problems.RequireRange(limits.MaxInboundStreamsPerConnection, 1, 1_000_000, $"{key}:{nameof(limits.MaxInboundStreamsPerConnection)}");
        problems.RequireRange(limits.MaxOutboundStreamsPerConnection, 1, 1_000_000, $"{key}:{nameof(limits.MaxOutboundStreamsPerConnection)}");
        problems.RequireRange(limits.MaxPeerStoreEntries, 1, 10_000_000, $"{key}:{nameof(limits.MaxPeerStoreEntries)}");
        problems.RequirePositive(limits.HandshakeTimeout, $"{key}:{nameof(limits.HandshakeTimeout)}");
        problems.RequirePositive(limits.SilentSocketTimeout, $"{key}:{nameof(limits.SilentSocketTimeout)}");
        problems.RequirePositive(limits.StreamNegotiationTimeout, $"{key}:{nameof(limits.StreamNegotiationTimeout)}");
        problems.Require(limits.IdleTimeout is null || limits.IdleTimeout > TimeSpan.Zero, $"{key}:{nameof(limits.IdleTimeout)}", "must be positive or absent.");
    }

    private static void CheckYamux(Yamux.YamuxOptions yamux, ConfigurationProblems problems, string key)
    {
        problems.RequireRange(yamux.MaxReceiveWindowSize, Yamux.YamuxOptions.InitialWindowSize, int.MaxValue, $"{key}:{nameof(yamux.MaxReceiveWindowSize)}");
        problems.RequireRange(yamux.MaxFramePayload, 1024, 16 * 1024 * 1024, $"{key}:{nameof(yamux.MaxFramePayload)}");
        problems.RequireRange(yamux.AcceptBacklog, 1, 1_000_000, $"{key}:{nameof(yamux.AcceptBacklog)}");
        problems.RequireRange(yamux.MaxPendingControlFrames, 1, 1_000_000, $"{key}:{nameof(yamux.MaxPendingControlFrames)}");
        problems.RequirePositive(yamux.PingTimeout, $"{key}:{nameof(yamux.PingTimeout)}");
        problems.RequirePositive(yamux.WriteStallTimeout, $"{key}:{nameof(yamux.WriteStallTimeout)}");
        problems.Require(yamux.KeepAliveInterval is null || yamux.KeepAliveInterval > TimeSpan.Zero, $"{key}:{nameof(yamux.KeepAliveInterval)}", "must be positive or absent.");
    }
}
