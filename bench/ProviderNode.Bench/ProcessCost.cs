using System.Globalization;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>A process's CPU time and resident memory, read from /proc (Linux).</summary>
internal static class ProcessCost
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public static TimeSpan CpuTime(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Resident memory in MiB.</summary>
    public static double ResidentMebibytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Average share of one core the process used over <paramref name="window"/>, and its memory at the end.</summary>
    public static async Task<(double CorePercent, double ResidentMebibytes)> MeasureAsync(int processId, TimeSpan window)
    {
        var cpuBefore = CpuTime(processId);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(window);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return ((CpuTime(processId) - cpuBefore) / elapsed * 100, ResidentMebibytes(processId));
    }

    /// <summary>Measures the node and the baseline over the same window and prints both and their ratio.</summary>
    public static async Task ReportIdleAsync(string label, int nodeProcessId, int baselineProcessId, TimeSpan window)
    {
        var measured = await Task.WhenAll(MeasureAsync(nodeProcessId, window), MeasureAsync(baselineProcessId, window));
        var (node, baseline) = (measured[0], measured[1]);
        var ratio = baseline.CorePercent > 0 ? $"{node.CorePercent / baseline.CorePercent:0.0}x the baseline" : "baseline used no measurable CPU";
        Console.WriteLine($"{label,-15}: {node.CorePercent,6:0.00} % of a core, {node.ResidentMebibytes,6:0.0} MiB resident over {window.TotalSeconds:0} s (goal < 1 %, < 150 MiB); "
            + $"idle .NET baseline {baseline.CorePercent:0.00} %, {baseline.ResidentMebibytes:0.0} MiB ({ratio}); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
}
