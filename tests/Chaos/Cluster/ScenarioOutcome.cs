using System.Globalization;
using System.Numerics;

namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>One scenario's row of docs/reliability.md: what was injected, how fast it was detected and recovered, what was lost.</summary>
public sealed record ScenarioOutcome(
    string Scenario,
    string Injected,
    TimeSpan? Detection,
    TimeSpan? Recovery,
    int LeasesLost,
    int FalseReassignments,
    BigInteger TokensUnaccounted,
    int Violations)
{
    /// <summary>The row as one line of a Markdown table.</summary>
    public string ToMarkdownRow() => string.Join(" | ",
        $"| {Scenario}", Injected, Seconds(Detection), Seconds(Recovery), LeasesLost.ToString(CultureInfo.InvariantCulture),
        FalseReassignments.ToString(CultureInfo.InvariantCulture), TokensUnaccounted.ToString(CultureInfo.InvariantCulture), Violations.ToString(CultureInfo.InvariantCulture) + " |");

    private static string Seconds(TimeSpan? time) => time is { } value ? value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "—";
}
