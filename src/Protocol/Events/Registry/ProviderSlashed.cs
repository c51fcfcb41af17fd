using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>ProviderSlashed(address indexed provider, uint256 amount, uint256 fromUnbonding, address indexed recipient)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
/// <param name="FromUnbonding">The event's <c>fromUnbonding</c>.</param>
/// <param name="Recipient">The event's <c>recipient</c> (addresses lower-case).</param>
public sealed record ProviderSlashed(string Provider, BigInteger Amount, BigInteger FromUnbonding, string Recipient) : ChainEvent;
