using System.Diagnostics;
using System.Globalization;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>
/// Peak resident memory of a whole process that imports a large file into a fresh store and pins it — measured in a
/// child process (this program started with <c>--peak-memory-child</c>) so nothing else in this run inflates it.
/// </summary>
internal static class PeakMemory
{
    public const string ChildFlag = "--peak-memory-child";

    /// <summary>Runs the child and returns its output line (peak RSS in bytes and the CID).</summary>
    public static async Task<(long PeakBytes, string Cid)> MeasureInChildAsync(string file, string storePath)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
        }

        info.ArgumentList.Add(ChildFlag);
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(storePath);
        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var parts = output.Trim().Split(' ');
        return child.ExitCode == 0
            ? (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1])
            : throw new InvalidOperationException($"The peak-memory child failed: {output}");
    }

    /// <summary>The child's work: import, pin, print "peakBytes cid".</summary>
    public static async Task<int> RunChildAsync(string file, string storePath)
    {
        using var store = await ContentStore.OpenAsync(new BlockStoreOptions { RootPath = storePath });
        await using var session = store.BeginSession();
        var result = await new UnixFsImporter().ImportAsync(file, session);
        await session.PinAsync(result.Cid, name: "peak memory benchmark");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakResidentBytes()} {result.Cid}"));
        return 0;
    }

    /// <summary>VmHWM: the most resident memory this process has ever had.</summary>
    private static long PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
