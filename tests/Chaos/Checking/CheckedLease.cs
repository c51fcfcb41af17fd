using System.Numerics;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>A lease the scenario placed, and whether the scenario ended it itself (then its end is no loss).</summary>
public sealed record CheckedLease(BigInteger LeaseId, bool EndedByTenant = false);
