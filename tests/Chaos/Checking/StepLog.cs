using System.Numerics;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// The workloads' step log (their history for the checker): the one file every process workload of a scenario appends
/// to, plus, for container workloads, the file each one appends to in its bind-mounted output folder
/// (<c>&lt;node&gt;/data/workloads/&lt;lease&gt;-&lt;epoch&gt;/output/steps.log</c>, read from the host).
/// </summary>
public sealed class StepLog
{
    /// <summary>The name of a container workload's log in its output folder.</summary>
    public const string ContainerLogName = "steps.log";

    private readonly string? _nodesRoot;

    /// <summary>A log at <paramref name="path"/> (created by the first workload that writes); <paramref name="nodesRoot"/> holds the nodes' folders whose container workloads keep their own.</summary>
    public StepLog(string path, string? nodesRoot = null)
    {
        Path = path;
        _nodesRoot = nodesRoot;
    }

    /// <summary>The file the process workloads append to (their <c>CHAOS_STEP_LOG</c>).</summary>
    public string Path { get; }

    /// <summary>Every complete line so far, in time order (each file is in time order: each line is one append).</summary>
    public IReadOnlyList<StepEntry> Read()
    {
        var entries = ReadFile(Path).ToList();
        foreach (var (file, node) in ContainerLogs())
        {
            // Inside the container the checkpoint folder is /depin/checkpoints: the holder is the node whose folder holds the file.
            entries.AddRange(ReadFile(file).Select(entry => entry with { Holder = node }));
        }

        return [.. entries.OrderBy(entry => entry.Time)];
    }

    /// <summary>The entries of one lease.</summary>
    public IReadOnlyList<StepEntry> Of(BigInteger leaseId) => [.. Read().Where(entry => entry.LeaseId == leaseId)];

    /// <summary>The highest step any run of <paramref name="leaseId"/> reached so far (0: none).</summary>
    public ulong LastStep(BigInteger leaseId) => Of(leaseId).Where(entry => entry.IsStep).Select(entry => entry.Step).DefaultIfEmpty(0UL).Max();

    private IEnumerable<(string File, string Node)> ContainerLogs()
    {
        if (_nodesRoot is null || !Directory.Exists(_nodesRoot))
        {
            return [];
        }

        return Directory.EnumerateDirectories(_nodesRoot)
            .Select(node => (Node: node, Workloads: System.IO.Path.Combine(node, "data", "workloads")))
            .Where(node => Directory.Exists(node.Workloads))
            .SelectMany(node => Directory.EnumerateDirectories(node.Workloads)
                .Select(run => System.IO.Path.Combine(run, "output", ContainerLogName))
                .Where(File.Exists)
                .Select(file => (file, node.Node)));
    }

    private static List<StepEntry> ReadFile(string path)
    {
        var entries = new List<StepEntry>();
        if (!File.Exists(path))
        {
            return entries;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (StepEntry.Parse(line) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
