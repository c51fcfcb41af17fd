using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// The issue §4 numbers of a kill under load, from a <see cref="ClosedLoopLoad"/>'s samples: p50/p99 latency of the
/// requests started before the kill, during it (until the replacement replica answered its first request) and after,
/// the longest gap between two answers any client saw, and when each step of the failover was first seen.
/// </summary>
internal sealed class FailoverReport
{
    private readonly List<(string Step, long At)> _steps = [];
    private readonly long _killed;

    public FailoverReport(long killed) => _killed = killed;

    /// <summary>Notes when <paramref name="step"/> was first seen (<see cref="Stopwatch"/> ticks).</summary>
    public void Saw(string step, long at) => _steps.Add((step, at));

    /// <summary>Notes a step seen at a wall-clock time (a gateway event), relative to the kill at <paramref name="killedAt"/>.</summary>
    public void Saw(string step, DateTimeOffset at, DateTimeOffset killedAt) => _steps.Add((step, _killed + (long)((at - killedAt).TotalSeconds * Stopwatch.Frequency)));

    /// <summary>The report, one line each.</summary>
    public string Describe(IReadOnlyList<LoadSample> samples, long replacementServed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"requests {samples.Count}, failed {samples.Count(sample => !sample.Succeeded)}\n");
        Phase(text, "before", samples.Where(sample => sample.Started < _killed));
        Phase(text, "during", samples.Where(sample => sample.Started >= _killed && sample.Started < replacementServed));
        Phase(text, "after", samples.Where(sample => sample.Started >= replacementServed));
        text.Append(CultureInfo.InvariantCulture, $"longest gap between two answers to one client: {Milliseconds(LongestGap(samples)):F1} ms\n");
        foreach (var (step, at) in _steps.OrderBy(step => step.At))
        {
            text.Append(CultureInfo.InvariantCulture, $"kill + {Milliseconds(at - _killed) / 1000:F2} s: {step}\n");
        }

        return text.ToString();
    }

    private static void Phase(StringBuilder text, string name, IEnumerable<LoadSample> samples)
    {
        var latencies = samples.Select(sample => Milliseconds(sample.Ended - sample.Started)).Order().ToArray();
        if (latencies.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: no requests\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"{name}: n={latencies.Length} p50 {Percentile(latencies, 0.5):F2} ms p99 {Percentile(latencies, 0.99):F2} ms max {latencies[^1]:F2} ms\n");
    }

    private static long LongestGap(IReadOnlyList<LoadSample> samples) =>
        samples.GroupBy(sample => sample.Worker)
            .Select(worker => worker.OrderBy(sample => sample.Started).ToArray())
            .SelectMany(ordered => ordered.Select((sample, index) => index == 0 ? sample.Ended - sample.Started : sample.Ended - ordered[index - 1].Ended))
            .DefaultIfEmpty(0)
            .Max();

    private static double Percentile(double[] sorted, double fraction) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
