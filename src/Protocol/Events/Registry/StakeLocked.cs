using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>StakeLocked(address indexed provider, uint256 amount, uint256 lockedStake)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="Amount">The event's <c>amount</c>.</param>
/// <param name="LockedStake">The event's <c>lockedStake</c>.</param>
public sealed record StakeLocked(string Provider, BigInteger Amount, BigInteger LockedStake) : ChainEvent;
