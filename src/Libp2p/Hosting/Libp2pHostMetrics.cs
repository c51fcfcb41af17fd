using System.Diagnostics;
using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.Diagnostics;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// The host's instruments on the meter <c>DePinGpu.Libp2p</c> (export it by that name through OpenTelemetry's
/// <c>AddMeter</c> or prometheus-net's meter adapter). Instrument names are stable; see docs/architecture.md.
/// Each host has its own meter instance, tagged with its peer id, so several hosts in one process report side by side.
/// </summary>
public sealed class Libp2pHostMetrics : IDisposable
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "DePinGpu.Libp2p";

    private readonly Meter _meter;
    private readonly Libp2pHost _host;
    private readonly Counter<long> _connectionsOpened;
    private readonly Counter<long> _connectionsClosed;
    private readonly Counter<long> _streamsOpened;
    private readonly Counter<long> _handshakesRefused;
    private readonly Counter<long> _handshakesTimedOut;
    private long _closedBytesSent;
    private long _closedBytesReceived;

    internal Libp2pHostMetrics(Libp2pHost host)
    {
        _host = host;
        _meter = PeerMeter.Create(MeterName, host.LocalPeerId.ToString());
        _connectionsOpened = _meter.CreateCounter<long>("libp2p.connections.opened", "{connection}", "Connections established, by direction.");
        _connectionsClosed = _meter.CreateCounter<long>("libp2p.connections.closed", "{connection}", "Connections closed, by direction.");
        _streamsOpened = _meter.CreateCounter<long>("libp2p.streams.opened", "{stream}", "Streams negotiated, by direction and protocol.");
        _handshakesRefused = _meter.CreateCounter<long>("libp2p.handshakes.refused", "{socket}", "Inbound sockets closed before their handshake, by the limit that refused them.");
        _handshakesTimedOut = _meter.CreateCounter<long>("libp2p.handshakes.timed_out", "{socket}", "Inbound handshakes abandoned, by phase (silent: no first byte; handshake: not finished).");
        _meter.CreateObservableUpDownCounter("libp2p.handshakes.pending", () => host.PendingHandshakeCount, "{handshake}", "Inbound handshakes in progress now.");
        _meter.CreateObservableUpDownCounter("libp2p.connections.active", () => host.ConnectionCount, "{connection}", "Connections open now.");
        _meter.CreateObservableCounter("libp2p.bytes.sent", () => BytesSent, "By", "Stream payload bytes sent.");
        _meter.CreateObservableCounter("libp2p.bytes.received", () => BytesReceived, "By", "Stream payload bytes received.");
    }

    /// <summary>Stream payload bytes sent over every connection since the host started.</summary>
    public long BytesSent => Interlocked.Read(ref _closedBytesSent) + _host.Connections.Sum(connection => connection.Session.PayloadBytesSent);

    /// <summary>Stream payload bytes received over every connection since the host started.</summary>
    public long BytesReceived => Interlocked.Read(ref _closedBytesReceived) + _host.Connections.Sum(connection => connection.Session.PayloadBytesReceived);

    /// <summary>Ends the meter (its instruments stop reporting).</summary>
    public void Dispose() => _meter.Dispose();

    internal void ConnectionOpened(ConnectionDirection direction) =>
        _connectionsOpened.Add(1, new KeyValuePair<string, object?>("direction", DirectionTag(direction)));

    internal void ConnectionClosed(Libp2pConnection connection)
    {
        Interlocked.Add(ref _closedBytesSent, connection.Session.PayloadBytesSent);
        Interlocked.Add(ref _closedBytesReceived, connection.Session.PayloadBytesReceived);
        _connectionsClosed.Add(1, new KeyValuePair<string, object?>("direction", DirectionTag(connection.Direction)));
    }

    internal void HandshakeRefused(string reason) => _handshakesRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void HandshakeTimedOut(string phase) => _handshakesTimedOut.Add(1, new KeyValuePair<string, object?>("phase", phase));

    internal void StreamOpened(ConnectionDirection direction, string protocol)
    {
        var tags = new TagList { { "direction", DirectionTag(direction) }, { "protocol", protocol } };
        _streamsOpened.Add(1, tags);
    }

    private static string DirectionTag(ConnectionDirection direction) => direction == ConnectionDirection.Inbound ? "inbound" : "outbound";
}
