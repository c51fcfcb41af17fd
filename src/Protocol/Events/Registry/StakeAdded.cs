using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>StakeAdded(address indexed provider, uint256 amount, uint256 stake)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
/// <param name="Stake">The event's <c>stake</c>.</param>
public sealed record StakeAdded(string Provider, BigInteger Amount, BigInteger Stake) : ChainEvent;
