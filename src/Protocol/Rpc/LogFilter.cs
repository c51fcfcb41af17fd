namespace DePinGpu.Protocol.Rpc;

/// <summary>An <c>eth_getLogs</c> filter over an inclusive block range.</summary>
/// <param name="FromBlock">First block of the range.</param>
/// <param name="ToBlock">Last block of the range (inclusive).</param>
/// <param name="Addresses">Contracts whose logs are wanted.</param>
/// <param name="Topic0">Event signatures wanted (any of them); empty for all.</param>
public sealed record LogFilter(ulong FromBlock, ulong ToBlock, IReadOnlyList<string> Addresses, IReadOnlyList<string> Topic0);
