namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>IHAVE: the sender has recently seen these message ids on <paramref name="Topic"/>.</summary>
/// <param name="Topic">The topic id.</param>
/// <param name="MessageIds">Message ids the sender can provide.</param>
public sealed record ControlIHave(string Topic, IReadOnlyList<byte[]> MessageIds);
