namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>IDONTWANT (gossipsub v1.2): the sender already has these messages.</summary>
/// <param name="MessageIds">Message ids the sender does not want.</param>
public sealed record ControlIDontWant(IReadOnlyList<byte[]> MessageIds);
