using System.Collections.Concurrent;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>One node's side of a <see cref="MemoryBitswapHub"/>.</summary>
internal sealed class MemoryBitswapEndpoint(MemoryBitswapHub hub, PeerId localPeer) : IBitswapNetwork
{
    private readonly ConcurrentDictionary<PeerId, byte> _connected = new();
    private BitswapMessageHandler? _handler;

    public PeerId LocalPeer { get; } = localPeer;

    public IReadOnlyCollection<PeerId> ConnectedPeers => [.. _connected.Keys];

    public event Action<PeerId>? PeerConnected;

    public event Action<PeerId>? PeerDisconnected;

    /// <summary>Messages sent by this endpoint, in order (peer, frame length, block count).</summary>
    public ConcurrentQueue<(PeerId To, int FrameLength, int Blocks)> Sent { get; } = new();

    public void SetMessageHandler(BitswapMessageHandler handler) => _handler = handler;

    public async Task SendAsync(PeerId peer, EncodedMessage message, CancellationToken cancellationToken)
    {
        var frame = message.ToArray();
        await hub.SendAsync(LocalPeer, peer, frame, cancellationToken);
        Sent.Enqueue((peer, frame.Length, message.BlockCount));
    }

    public Task<bool> ConnectAsync(PeerId peer, CancellationToken cancellationToken) => Task.FromResult(_connected.ContainsKey(peer));

    internal void Connected(PeerId peer)
    {
        _connected[peer] = 0;
        PeerConnected?.Invoke(peer);
    }

    internal void Disconnected(PeerId peer)
    {
        _connected.TryRemove(peer, out _);
        PeerDisconnected?.Invoke(peer);
    }

    internal Task DeliverAsync(PeerId from, BitswapMessage message, CancellationToken cancellationToken) =>
        _handler?.Invoke(from, message, cancellationToken) ?? Task.CompletedTask;
}
