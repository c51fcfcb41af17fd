using System.Runtime.InteropServices;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>The few libc calls .NET has no API for: signals to a process group, and the node's own uid/gid.</summary>
internal static partial class NativeMethods
{
    public const int SignalKill = 9;
    public const int SignalTerminate = 15;
    private const int NoSuchProcess = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="processGroup"/>; false when the group is gone.</summary>
    public static bool SignalProcessGroup(int processGroup, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processGroup, 2);
        if (Kill(-processGroup, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill(-{processGroup}, {signal}) failed with errno {error}.");
    }

    /// <summary>The node's user and group, as <c>uid:gid</c> (containers run as the node's user, not as root by default).</summary>
    public static string UserAndGroup() => $"{GetUserId()}:{GetGroupId()}";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUserId();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGroupId();
}
