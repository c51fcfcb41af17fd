using System.Globalization;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>A process's resident memory from <c>/proc/&lt;pid&gt;/status</c> (Linux): now (VmRSS) and its peak so far (VmHWM).</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes(int processId) => Read(processId, "VmRSS:");

    public static long PeakResidentBytes(int processId) => Read(processId, "VmHWM:");

    private static long Read(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(candidate => candidate.StartsWith(field, StringComparison.Ordinal));
        var kibibytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kibibytes, CultureInfo.InvariantCulture) * 1024;
    }
}
