using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>Dials discovered peers through a <see cref="Libp2pHost"/>: their addresses go to the peer store first.</summary>
public sealed class HostPeerDialer(Libp2pHost host) : IPeerDialer
{
    /// <inheritdoc />
    public PeerId LocalPeer => host.LocalPeerId;

    /// <inheritdoc />
    public bool IsConnected(PeerId peer) => host.IsConnected(peer);

    /// <inheritdoc />
    public async Task DialAsync(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count > 0)
        {
            host.PeerStore.AddAddresses(peer, addresses);
        }

        await host.DialAsync(peer, cancellationToken).ConfigureAwait(false);
    }
}
