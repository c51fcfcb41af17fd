using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Timing and formatting helpers.</summary>
internal static class Measure
{
    public static async Task<Sample> TimeAsync(Func<Task> action)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var kernelBefore = process.PrivilegedProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await action();
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new Sample(wall, process.TotalProcessorTime - cpuBefore, process.PrivilegedProcessorTime - kernelBefore);
    }

    /// <summary>Best of <paramref name="runs"/> (the least disturbed run), wall-clock and CPU time each.</summary>
    public static async Task<Sample> BestOfAsync(int runs, Func<Task> action, Func<Task>? between = null)
    {
        var best = Sample.Worst;
        for (var run = 0; run < runs; run++)
        {
            if (between is not null)
            {
                await between();
            }

            best = best.Best(await TimeAsync(action));
        }

        return best;
    }

    /// <summary>"wall MB/s | MB per CPU-second | ratios to the baseline | share of the CPU time in the kernel".</summary>
    public static string Line(string label, long bytes, Sample ours, Sample? baseline, string suffix = "")
    {
        var rates = string.Create(CultureInfo.InvariantCulture, $"  {label,-36} {Rate(bytes, ours.Wall),7:F0} MB/s {Rate(bytes, ours.Cpu),7:F0} MB/cpu-s");
        var ratios = baseline is { } reference
            ? string.Create(CultureInfo.InvariantCulture, $"   {reference.Wall / ours.Wall,5:F2}x {reference.Cpu / ours.Cpu,5:F2}x")
            : "   baseline     ";
        var kernel = ours.Kernel > TimeSpan.Zero && ours.Cpu > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"   {ours.Kernel / ours.Cpu * 100,3:F0}% kernel")
            : string.Empty;
        return rates + ratios + kernel + (suffix.Length > 0 ? "   " + suffix : string.Empty);
    }

    private static double Rate(long bytes, TimeSpan time) => bytes / 1e6 / time.TotalSeconds;
}
