namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>PRUNE: the sender removed the receiver from its mesh for <paramref name="Topic"/>.</summary>
/// <param name="Topic">The topic id.</param>
/// <param name="Peers">Peer exchange: other topic peers the receiver may connect to (v1.1).</param>
/// <param name="BackoffSeconds">How long the receiver must not GRAFT again (v1.1); null when absent.</param>
public sealed record ControlPrune(string Topic, IReadOnlyList<PeerExchangeRecord> Peers, ulong? BackoffSeconds);
