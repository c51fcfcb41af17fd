namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>GRAFT: the sender added the receiver to its mesh for <paramref name="Topic"/>.</summary>
/// <param name="Topic">The topic id.</param>
public sealed record ControlGraft(string Topic);
