using System.Numerics;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>The shared step log every workload of a scenario appends to (the workload's history for the checker).</summary>
public sealed class StepLog
{
    /// <summary>A log at <paramref name="path"/> (created by the first workload that writes).</summary>
    public StepLog(string path) => Path = path;

    /// <summary>The file the workloads append to (their <c>CHAOS_STEP_LOG</c>).</summary>
    public string Path { get; }

    /// <summary>Every complete line so far, in file order (which is time order: each line is one append).</summary>
    public IReadOnlyList<StepEntry> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<StepEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (StepEntry.Parse(line) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>The entries of one lease.</summary>
    public IReadOnlyList<StepEntry> Of(BigInteger leaseId) => [.. Read().Where(entry => entry.LeaseId == leaseId)];

    /// <summary>The highest step any run of <paramref name="leaseId"/> reached so far (0: none).</summary>
    public ulong LastStep(BigInteger leaseId) => Of(leaseId).Where(entry => entry.IsStep).Select(entry => entry.Step).DefaultIfEmpty(0UL).Max();
}
