namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>IWANT: the sender asks for the full messages with these ids.</summary>
/// <param name="MessageIds">Requested message ids.</param>
public sealed record ControlIWant(IReadOnlyList<byte[]> MessageIds);
