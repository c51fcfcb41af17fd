using System.Net;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>An authenticated, multiplexed connection to one peer (TCP + Noise + Yamux).</summary>
public sealed class Libp2pConnection
{
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeSpan _negotiationTimeout;

    internal Libp2pConnection(
        YamuxSession session,
        PublicKey remotePublicKey,
        ConnectionDirection direction,
        IPEndPoint remoteEndPoint,
        IPEndPoint localEndPoint,
        TimeSpan negotiationTimeout)
    {
        Session = session;
        RemotePublicKey = remotePublicKey;
        RemotePeer = remotePublicKey.ToPeerId();
        Direction = direction;
        RemoteEndPoint = remoteEndPoint;
        RemoteAddress = Multiaddr.FromTcpEndPoint(remoteEndPoint);
        LocalAddress = Multiaddr.FromTcpEndPoint(localEndPoint);
        _negotiationTimeout = negotiationTimeout;
    }

    /// <summary>The authenticated remote peer.</summary>
    public PeerId RemotePeer { get; }

    /// <summary>The remote's identity key, proven in the Noise handshake.</summary>
    public PublicKey RemotePublicKey { get; }

    /// <summary>Who opened the connection.</summary>
    public ConnectionDirection Direction { get; }

    /// <summary>The remote TCP endpoint (its IP address is what peer scoring groups by).</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>The remote address as a multiaddr (<c>/ip4/…/tcp/…</c>, without <c>/p2p/</c>).</summary>
    public Multiaddr RemoteAddress { get; }

    /// <summary>The local address of the connection.</summary>
    public Multiaddr LocalAddress { get; }

    /// <summary>When the connection was established.</summary>
    public DateTimeOffset OpenedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>True once the connection closed.</summary>
    public bool IsClosed => Session.IsClosed;

    /// <summary>Why the connection closed, or null while open.</summary>
    public string? CloseReason => Session.CloseReason;

    /// <summary>Open streams on the connection.</summary>
    public int StreamCount => Session.StreamCount;

    /// <summary>The last Yamux ping round-trip time, if measured.</summary>
    public TimeSpan? RoundTripTime => Session.RoundTripTime;

    /// <summary>Completes when the connection has closed.</summary>
    public Task Completion => Session.Completion;

    /// <summary>Cancelled when the connection closes (handlers receive it).</summary>
    public CancellationToken Closing => _closing.Token;

    internal YamuxSession Session { get; }

    /// <summary>Told the protocol of every stream this side opens (the host's stream metrics).</summary>
    internal Action<string>? OutboundStreamOpened { get; init; }

    /// <summary>
    /// Opens a stream and negotiates the first protocol of <paramref name="protocols"/> the remote supports.
    /// Throws <see cref="MultistreamRefusedException"/> when it supports none, <see cref="IOException"/> when
    /// the connection fails or negotiation times out.
    /// </summary>
    public async Task<Libp2pStream> OpenStreamAsync(IReadOnlyList<string> protocols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        var stream = await Session.OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        timeout.CancelAfter(_negotiationTimeout);
        try
        {
            var agreed = await MultistreamSelect.SelectAsync(stream, protocols, timeout.Token).ConfigureAwait(false)
                ?? throw new MultistreamRefusedException(protocols);
            OutboundStreamOpened?.Invoke(agreed);
            return new Libp2pStream(stream, agreed, this);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stream.Reset();
            throw new IOException($"Negotiating {string.Join(", ", protocols)} with {RemotePeer} did not finish within {_negotiationTimeout.TotalSeconds:0} s or the connection closed.");
        }
        catch
        {
            stream.Reset();
            throw;
        }
    }

    /// <summary>Closes the connection gracefully (Yamux GoAway, then TCP close).</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) => Session.CloseAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"{Direction} connection with {RemotePeer} at {RemoteAddress}";

    /// <summary>Signals handlers that the connection is gone.</summary>
    internal void MarkClosed()
    {
        _closing.Cancel();
    }
}
