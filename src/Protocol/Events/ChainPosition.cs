namespace DePinGpu.Protocol.Events;

/// <summary>A block the stream has fully delivered: its number and the hash it had then.</summary>
/// <param name="Number">Block number.</param>
/// <param name="Hash">Block hash (lower-case hex).</param>
public sealed record ChainPosition(ulong Number, string Hash);
