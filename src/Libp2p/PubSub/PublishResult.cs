namespace DePinGpu.Libp2p.PubSub;

/// <summary>What happened to a locally published message.</summary>
/// <param name="Id">The message id.</param>
/// <param name="PeerCount">How many peers it was sent to; 0 means no peer got it (it stays in the gossip cache).</param>
public sealed record PublishResult(MessageId Id, int PeerCount);
