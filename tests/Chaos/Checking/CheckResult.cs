using System.Numerics;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>What the checker found: the rules broken (none when the history is valid) and what it measured.</summary>
public sealed record CheckResult(
    IReadOnlyList<string> Violations,
    TimeSpan LongestWithoutHolder,
    int Reassignments,
    int LeasesLost,
    BigInteger TokensUnaccounted);
