using System.Collections.Concurrent;
using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>
/// An in-memory host: streams are pipe pairs, protocols are picked like multistream-select would. Like a real host,
/// closing a connection resets its streams, and a stream of a connection that has closed is never handed to a handler
/// (a muxer cannot negotiate on a dead connection): without that, a stream handed over late could outlive its
/// connection and take the place of the live one.
/// </summary>
internal sealed class MemoryPubSubHost(PeerId localPeer, ConcurrentDictionary<PeerId, MemoryPubSubHost> directory) : IPubSubHost
{
    private readonly ConcurrentDictionary<string, Func<PubSubStream, CancellationToken, Task>> _handlers = new();
    private readonly ConcurrentDictionary<PeerId, PubSubConnection> _connections = new();
    private readonly ConcurrentDictionary<DuplexPipeStream, PubSubConnection> _streams = new();
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
        if (!_connections.TryGetValue(peer, out var connection) || !directory.TryGetValue(peer, out var remote)
            || !remote._connections.TryGetValue(LocalPeer, out var remoteConnection))
        {
            throw new IOException($"Not connected to {peer}.");
        }

        var protocol = protocols.FirstOrDefault(remote._handlers.ContainsKey) ?? throw new IOException("No common protocol.");
        var (local, far) = DuplexPipeStream.CreatePair();
        _streams[local] = connection;
        remote._streams[far] = remoteConnection;
        remote._handlerTasks.Add(Task.Run(() => remote.HandOverAsync(LocalPeer, remoteConnection, protocol, far), CancellationToken.None));
        return Task.FromResult(new PubSubStream(peer, protocol, local));
    }

    public Task WhenHandlersDoneAsync() => Task.WhenAll(_handlerTasks);

    private async Task HandOverAsync(PeerId peer, PubSubConnection connection, string protocol, DuplexPipeStream stream)
    {
        if (!_connections.TryGetValue(peer, out var current) || !ReferenceEquals(current, connection))
        {
            await stream.DisposeAsync();
            return;
        }

        await _handlers[protocol](new PubSubStream(peer, protocol, stream), CancellationToken.None);
    }

    private void Open(PubSubConnection connection)
    {
        _connections[connection.Peer] = connection;
        PeerConnected?.Invoke(connection);
    }

    private void Close(PeerId peer)
    {
        if (!_connections.TryRemove(peer, out var connection))
        {
            return;
        }

        foreach (var (stream, owner) in _streams)
        {
            if (ReferenceEquals(owner, connection) && _streams.TryRemove(stream, out _))
            {
                stream.Reset();
            }
        }

        PeerDisconnected?.Invoke(peer);
    }
}
