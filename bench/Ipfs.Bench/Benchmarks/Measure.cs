using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Timing and formatting helpers.</summary>
internal static class Measure
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Best of <paramref name="runs"/> (machines are noisy; the best run is the least disturbed).</summary>
    public static async Task<TimeSpan> BestOfAsync(int runs, Func<Task> action, Func<Task>? between = null)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            if (between is not null)
            {
                await between();
            }

            var time = await TimeAsync(action);
            best = time < best ? time : best;
        }

        return best;
    }

    public static double MegabytesPerSecond(long bytes, TimeSpan time) => bytes / 1e6 / time.TotalSeconds;

    public static string Rate(long bytes, TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{MegabytesPerSecond(bytes, time),8:F0} MB/s ({time.TotalSeconds:F2} s)");

    public static string Ratio(double ours, double baseline) => string.Create(CultureInfo.InvariantCulture, $"{ours / baseline:F2}x");
}
