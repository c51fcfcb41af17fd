using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>UnbondRequested(address indexed provider, uint256 amount, uint64 releaseAt, uint256 stake)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
/// <param name="ReleaseAt">The event's <c>releaseAt</c>.</param>
/// <param name="Stake">The event's <c>stake</c>.</param>
public sealed record UnbondRequested(string Provider, BigInteger Amount, ulong ReleaseAt, BigInteger Stake) : ChainEvent;
