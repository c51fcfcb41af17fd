using System.Globalization;

namespace DePinGpu.Gateway.Bench;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
internal static class LatencySummary
{
    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    public static string Describe(IReadOnlyList<double> values) => values.Count == 0
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{Percentile(values, 0.5):F2} / {Percentile(values, 0.99):F2} ms (n={values.Count})");
}
