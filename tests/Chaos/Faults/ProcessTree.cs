using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>
/// A process and everything it started (read from <c>/proc</c>), signalled as one: a node's workloads run in their own
/// process groups (setsid) but are still its descendants, so freezing or killing the tree freezes or kills the machine
/// the node stands for, workloads included.
/// </summary>
public static class ProcessTree
{
    /// <summary>The process ids of <paramref name="root"/> and every living descendant, root first.</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        var tree = new List<int> { root };
        for (var index = 0; index < tree.Count; index++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[index]) ?? []);
        }

        return tree;
    }

    /// <summary>Sends <paramref name="signal"/> (a name such as STOP, CONT, KILL) to every process of the tree.</summary>
    public static void Signal(int root, string signal) => Signal(Of(root), signal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processes"/> with <c>kill</c>; processes that ended meanwhile are ignored.</summary>
    public static void Signal(IReadOnlyList<int> processes, string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-s");
        info.ArgumentList.Add(signal);
        foreach (var pid in processes)
        {
            info.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(info) ?? throw new InvalidOperationException("Could not start kill.");
        kill.StandardError.ReadToEnd(); // "no such process" for one that ended between the scan and the signal
        kill.WaitForExit();
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the process ended while the tree was read
        }
    }
}
