using System.Numerics;

namespace DePinGpu.Protocol.Transactions;

/// <summary>One intent to change chain state: a call (or a deployment when <paramref name="To"/> is null).</summary>
/// <param name="To">Target contract; null deploys <paramref name="Data"/> as init code.</param>
/// <param name="Data">Call data or init code.</param>
/// <param name="Value">Wei sent along.</param>
/// <param name="Description">What the call does, for logs and error messages (e.g. "heartbeat").</param>
public sealed record TransactionIntent(string? To, byte[] Data, BigInteger Value, string Description)
{
    /// <summary>A call without ether.</summary>
    public static TransactionIntent Create(string to, byte[] data, string description) => new(to, data, BigInteger.Zero, description);
}
