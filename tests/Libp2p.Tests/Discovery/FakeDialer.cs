using System.Collections.Concurrent;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Tests.Discovery;

/// <summary>A dialer whose reachability the test controls; it records every dial.</summary>
internal sealed class FakeDialer(PeerId localPeer) : IPeerDialer
{
    public ConcurrentDictionary<PeerId, bool> Connected { get; } = new();

    public ConcurrentDictionary<PeerId, bool> Reachable { get; } = new();

    public ConcurrentQueue<(PeerId Peer, DateTimeOffset At)> Dials { get; } = new();

    public PeerId LocalPeer { get; } = localPeer;

    public bool IsConnected(PeerId peer) => Connected.ContainsKey(peer);

    public Task DialAsync(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken)
    {
        Dials.Enqueue((peer, DateTimeOffset.UtcNow));
        if (!Reachable.ContainsKey(peer))
        {
            throw new IOException($"{peer} is unreachable");
        }

        Connected[peer] = true;
        return Task.CompletedTask;
    }
}
