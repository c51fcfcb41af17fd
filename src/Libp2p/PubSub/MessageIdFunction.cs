using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Computes the id of a message that already passed signature-policy checks.</summary>
/// <param name="message">The wire message.</param>
/// <returns>The id all peers on the topic agree on.</returns>
public delegate MessageId MessageIdFunction(RpcMessage message);
