namespace DePinGpu.Protocol.Rpc;

/// <summary>The header fields of a block that this library uses.</summary>
/// <param name="Number">Block number.</param>
/// <param name="Hash">Block hash, 0x-prefixed lower-case hex.</param>
/// <param name="ParentHash">Parent block hash, 0x-prefixed lower-case hex.</param>
/// <param name="Timestamp">Block time, seconds since the Unix epoch.</param>
/// <param name="BaseFeePerGas">EIP-1559 base fee, zero on chains without it.</param>
public sealed record BlockHeader(ulong Number, string Hash, string ParentHash, ulong Timestamp, System.Numerics.BigInteger BaseFeePerGas);
