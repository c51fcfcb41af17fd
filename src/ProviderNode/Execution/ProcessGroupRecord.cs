using System.Globalization;
using System.Numerics;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// The pid file of a process workload: the group leader's pid and its kernel start time (so a reused pid is never
/// taken for the workload), with the lease it ran for.
/// </summary>
internal sealed record ProcessGroupRecord(int ProcessId, ulong StartTime, LeaseEpoch Lease, int RestartCount)
{
    public const string FileName = "workload.pid";

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{ProcessId} {StartTime} {Lease.LeaseId} {Lease.Epoch} {RestartCount}\n");

    public static ProcessGroupRecord? Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 5
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && BigInteger.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var lease)
            && ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var restart))
        {
            return new ProcessGroupRecord(pid, start, new LeaseEpoch(lease, epoch), restart);
        }

        return null;
    }

    /// <summary>Reads a process's process group and start time from <c>/proc/&lt;pid&gt;/stat</c>; null when it is gone.</summary>
    public static (int ProcessGroup, ulong StartTime)? ReadStat(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        // Fields after the command name (which may hold spaces and parentheses) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[2], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
