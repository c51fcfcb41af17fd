using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>What the server has exchanged with one peer so far.</summary>
/// <param name="Peer">The peer.</param>
/// <param name="Wants">Wants of the peer remembered now (pending or waiting for a block this node lacks).</param>
/// <param name="BlocksSent">Blocks sent to the peer.</param>
/// <param name="BytesSent">Block bytes sent to the peer.</param>
/// <param name="MessagesSent">Messages sent to the peer.</param>
/// <param name="DontHavesSent">DONT_HAVE answers sent.</param>
/// <param name="WantsIgnored">Wants ignored because the peer's wantlist was full.</param>
/// <param name="BytesInFlight">Message bytes handed to the network and not yet written.</param>
public sealed record PeerLedgerSnapshot(
    PeerId Peer, int Wants, long BlocksSent, long BytesSent, long MessagesSent, long DontHavesSent, long WantsIgnored, long BytesInFlight);
