using System.Numerics;

namespace DePinGpu.Protocol.Clients;

/// <summary>Stake requested for withdrawal.</summary>
/// <param name="Amount">Token amount.</param>
/// <param name="ReleaseAt">When <c>withdrawUnbonded</c> pays it.</param>
public sealed record PendingUnbond(BigInteger Amount, DateTimeOffset ReleaseAt);
