using System.Globalization;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// Workloads a killed node left behind: a node killed with SIGKILL cannot stop its Process-runtime workloads, which
/// keep running in the node's data folder. A test that kills a node ends them by process id, found by their working
/// folder under the test's own folder (so nothing else is touched).
/// </summary>
public static class WorkloadProcesses
{
    /// <summary>Kills every process whose working folder is under <paramref name="directory"/>; returns how many.</summary>
    public static int KillUnder(string directory)
    {
        var killed = 0;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || WorkingFolder(entry) is not { } folder
                || !folder.StartsWith(directory, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(id);
                process.Kill();
                killed++;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // It ended between the listing and the kill.
            }
        }

        return killed;
    }

    private static string? WorkingFolder(string procEntry)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(procEntry, "cwd")).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
