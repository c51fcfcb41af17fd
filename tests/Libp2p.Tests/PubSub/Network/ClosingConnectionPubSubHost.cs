using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>
/// A host whose stream opening hangs until it is cancelled and then fails with an <see cref="IOException"/>, not a
/// cancellation: what a real connection does when the shutdown that cancels the open also closes the connection.
/// </summary>
internal sealed class ClosingConnectionPubSubHost(PeerId localPeer) : IPubSubHost
{
    private readonly TaskCompletionSource _opening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _openCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PeerId LocalPeer { get; } = localPeer;

    public IReadOnlyList<PubSubConnection> Connections { get; private set; } = [];

    public Task Opening => _opening.Task;

    /// <summary>Completes when the pending open's token was cancelled (the caller gave up on it).</summary>
    public Task OpenCancelled => _openCancelled.Task;

    public event Action<PubSubConnection>? PeerConnected;

    /// <summary>Never raised: this host's connections only end by failing a stream open.</summary>
    public event Action<PeerId>? PeerDisconnected
    {
        add { }
        remove { }
    }

    public void Connect(PeerId peer)
    {
        var connection = new PubSubConnection(peer, true, IPAddress.Loopback);
        Connections = [connection];
        PeerConnected?.Invoke(connection);
    }

    public void SetStreamHandler(string protocol, Func<PubSubStream, CancellationToken, Task> handler)
    {
    }

    public async Task<PubSubStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        _opening.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        _openCancelled.TrySetResult();
        throw new IOException($"The connection to {peer} closed: the remote closed the connection.");
    }
}
