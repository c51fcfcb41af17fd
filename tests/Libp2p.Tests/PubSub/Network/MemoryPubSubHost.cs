using System.Collections.Concurrent;
using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>An in-memory host: streams are pipe pairs, protocols are picked like multistream-select would.</summary>
internal sealed class MemoryPubSubHost(PeerId localPeer, ConcurrentDictionary<PeerId, MemoryPubSubHost> directory) : IPubSubHost
{
    private readonly ConcurrentDictionary<string, Func<PubSubStream, CancellationToken, Task>> _handlers = new();
    private readonly ConcurrentDictionary<PeerId, PubSubConnection> _connections = new();
    private readonly ConcurrentBag<Task> _handlerTasks = [];

    public PeerId LocalPeer { get; } = localPeer;

    public IReadOnlyList<PubSubConnection> Connections => [.. _connections.Values];

    public event Action<PubSubConnection>? PeerConnected;

    public event Action<PeerId>? PeerDisconnected;

    public static void Connect(MemoryPubSubHost dialer, MemoryPubSubHost listener)
    {
        dialer.Open(new PubSubConnection(listener.LocalPeer, true, IPAddress.Loopback));
        listener.Open(new PubSubConnection(dialer.LocalPeer, false, IPAddress.Loopback));
    }

    public static void Disconnect(MemoryPubSubHost a, MemoryPubSubHost b)
    {
        a.Close(b.LocalPeer);
        b.Close(a.LocalPeer);
    }

    public void SetStreamHandler(string protocol, Func<PubSubStream, CancellationToken, Task> handler) => _handlers[protocol] = handler;

    public Task<PubSubStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        if (!_connections.ContainsKey(peer) || !directory.TryGetValue(peer, out var remote))
        {
            throw new IOException($"Not connected to {peer}.");
        }

        var protocol = protocols.FirstOrDefault(remote._handlers.ContainsKey) ?? throw new IOException("No common protocol.");
        var (local, far) = DuplexPipeStream.CreatePair();
        remote._handlerTasks.Add(Task.Run(() => remote._handlers[protocol](new PubSubStream(LocalPeer, protocol, far), CancellationToken.None), CancellationToken.None));
        return Task.FromResult(new PubSubStream(peer, protocol, local));
    }

    public Task WhenHandlersDoneAsync() => Task.WhenAll(_handlerTasks);

    private void Open(PubSubConnection connection)
    {
        _connections[connection.Peer] = connection;
        PeerConnected?.Invoke(connection);
    }

    private void Close(PeerId peer)
    {
        if (_connections.TryRemove(peer, out _))
        {
            PeerDisconnected?.Invoke(peer);
        }
    }
}
