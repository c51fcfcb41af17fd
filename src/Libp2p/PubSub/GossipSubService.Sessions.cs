using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Per-peer stream plumbing: one long-lived outbound stream for writing, the inbound stream for reading.</summary>
public sealed partial class GossipSubService
{
    private const int OpenAttempts = 3;
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OpenRetryDelay = TimeSpan.FromMilliseconds(250);

    private void OnPeerConnected(PubSubConnection connection)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _sessions.ContainsKey(connection.Peer))
            {
                return;
            }

            var session = new PubSubSession(connection.Peer, _options.OutboxCapacity);
            _sessions[connection.Peer] = session;
            session.Track(RunOutboundAsync(session, connection));
        }
    }

    private void OnPeerDisconnected(PeerId peer)
    {
        PubSubSession? session;
        lock (_gate)
        {
            if (!_sessions.Remove(peer, out session))
            {
                return;
            }
        }

        Router.RemovePeer(peer);
        Track(session.CloseAsync());
    }

    private void EndSession(PubSubSession session)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(session.Peer, out var current) || current != session)
            {
                return;
            }

            _sessions.Remove(session.Peer);
        }

        Router.RemovePeer(session.Peer);
        Track(session.CloseAsync());
    }

    private async Task RunOutboundAsync(PubSubSession session, PubSubConnection connection)
    {
        var stream = await OpenOutboundStreamAsync(session).ConfigureAwait(false);
        if (stream is null)
        {
            EndSession(session);
            return;
        }

        await using (stream.Stream.ConfigureAwait(false))
        {
            Router.AddPeer(session.Peer, stream.Protocol, connection.Outbound, connection.RemoteAddress);
            session.Ready.TrySetResult(true);
            try
            {
                await session.Outbox.WriteLoopAsync(stream.Stream, session.Lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (session.Lifetime.IsCancellationRequested)
            {
                // Session closed.
            }
            catch (Exception exception)
            {
                // A broken outbound stream ends the session; the peer is re-added if it connects again.
                PubSubNetworkLog.OutboundFailed(_logger, exception, session.Peer);
                EndSession(session);
            }
        }
    }

    /// <summary>
    /// Opens our outbound stream, retrying briefly: an inbound stream can arrive before the host reports the
    /// connection, and the first attempt then races the connection's registration.
    /// </summary>
    private async Task<PubSubStream?> OpenOutboundStreamAsync(PubSubSession session)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(session.Lifetime.Token);
                timeout.CancelAfter(OpenTimeout);
                return await _host.OpenStreamAsync(session.Peer, Protocols, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (!session.Lifetime.IsCancellationRequested)
            {
                // The peer does not speak pubsub, or the connection is not ready or gone: retry a few times, then give up (logged).
                PubSubNetworkLog.OpenFailed(_logger, exception, session.Peer);
                if (attempt == OpenAttempts)
                {
                    return null;
                }
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (Exception exception)
            {
                // The session is closing (shutdown or disconnect) and the connection went with it: that the stream
                // could not open is the expected consequence, not a fault for the caller of DisposeAsync.
                PubSubNetworkLog.OpenFailed(_logger, exception, session.Peer);
                return null;
            }

            try
            {
                await Task.Delay(OpenRetryDelay, _time, session.Lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task HandleInboundStreamAsync(PubSubStream stream, CancellationToken cancellationToken)
    {
        await using (stream.Stream.ConfigureAwait(false))
        {
            var session = SessionForInbound(stream.Peer);
            if (session is null)
            {
                return;
            }

            var token = session.ReplaceInbound();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
            try
            {
                if (await session.Ready.Task.WaitAsync(linked.Token).ConfigureAwait(false))
                {
                    await ReadLoopAsync(stream, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // Replaced by a newer inbound stream, or the session/host is closing.
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or ObjectDisposedException)
            {
                PubSubNetworkLog.InboundFailed(_logger, exception, stream.Peer);
                if (exception is InvalidDataException)
                {
                    Router.ReportMalformedRpc(stream.Peer, exception.Message);
                }
            }
        }
    }

    private PubSubSession? SessionForInbound(PeerId peer)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(peer, out var existing))
            {
                return existing;
            }
        }

        var connection = _host.Connections.FirstOrDefault(candidate => candidate.Peer == peer) ?? new PubSubConnection(peer, false, null);
        OnPeerConnected(connection);
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(peer);
        }
    }

    private async Task ReadLoopAsync(PubSubStream stream, CancellationToken cancellationToken)
    {
        var reader = new RpcFrameReader(stream.Stream, _options.MaxFrameLength);
        while (await reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            if (!RpcDecoder.TryDecode(frame, _options.Router.DecodeLimits, out var rpc, out var error))
            {
                Router.ReportMalformedRpc(stream.Peer, error);
                continue;
            }

            await Router.HandleRpcAsync(stream.Peer, rpc, cancellationToken).ConfigureAwait(false);
        }
    }
}
