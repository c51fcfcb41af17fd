namespace DePinGpu.Protocol.Rpc;

/// <summary>The fields of an <c>eth_call</c> / <c>eth_estimateGas</c> request.</summary>
/// <param name="From">Sender, or null.</param>
/// <param name="To">Target contract, or null for a deployment.</param>
/// <param name="Data">Call data, 0x-prefixed hex.</param>
/// <param name="Value">Ether sent along, in wei.</param>
public sealed record CallRequest(string? From, string? To, string Data, System.Numerics.BigInteger Value);
