using System.Globalization;
using System.Text;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// When a lease's workload process started, from the kernel (Linux /proc): the earliest process whose environment holds
/// the lease's <c>DEPIN_LEASE_ID</c> (the workload contract's variable; a container's processes are host processes
/// too). Its age comes from <c>/proc/PID/stat</c>'s start time against <c>/proc/uptime</c> (10 ms resolution), so the
/// moment does not depend on how often the benchmark looks.
/// </summary>
internal static class WorkloadProcesses
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The start of the lease's first workload process still running; null when none runs (yet).</summary>
    public static DateTime? StartedAt(string leaseId)
    {
        var marker = Encoding.UTF8.GetBytes($"DEPIN_LEASE_ID={leaseId}\0");
        var now = DateTime.UtcNow;
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        DateTime? earliest = null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _) || StartTicks(directory, marker) is not { } ticks)
            {
                continue;
            }

            var started = now - TimeSpan.FromSeconds(uptime - (ticks / TicksPerSecond));
            earliest = earliest is { } seen && seen <= started ? seen : started;
        }

        return earliest;
    }

    private static long? StartTicks(string directory, byte[] marker)
    {
        try
        {
            if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(marker) < 0)
            {
                return null;
            }

            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'; starttime is field 22.
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while it was read, or is not readable by this user: not a workload of ours.
            return null;
        }
    }
}
