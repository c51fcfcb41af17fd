using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>UnbondedWithdrawn(address indexed provider, uint256 amount)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
public sealed record UnbondedWithdrawn(string Provider, BigInteger Amount) : ChainEvent;
