using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace DePinGpu.Ipfs.Bench.Bitswap;

/// <summary>
/// One timed transfer: wall-clock time and CPU time of the process(es) doing it, and of that CPU the time this process
/// spent JIT-compiling (zero for other processes). The JIT share is reported because a fresh node per run keeps the
/// tiered JIT busy for several runs, and that warm-up is charged to whatever is being measured.
/// </summary>
internal readonly record struct TransferSample(TimeSpan Wall, TimeSpan Cpu, TimeSpan Jit = default, TimeSpan GcPause = default, int Gen2Collections = 0, long PageFaults = 0, long JitMethods = 0, long AllocatedBytes = 0)
{
    public static TransferSample Worst { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

    /// <summary>
    /// Times <paramref name="action"/> (CPU time of this whole process), after the JIT's background tiering has caught up
    /// with what ran before: otherwise it re-compiles the previous phase's code on the measured phase's time.
    /// </summary>
    public static async Task<TransferSample> MeasureAsync(Func<Task> action)
    {
        await WaitForJitQuietAsync();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = JitInfo.GetCompilationTime();
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var faultsBefore = MinorPageFaults();
        var started = Stopwatch.GetTimestamp();
        await action();
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new TransferSample(wall, process.TotalProcessorTime - cpuBefore, JitInfo.GetCompilationTime() - jitBefore,
            GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before, MinorPageFaults() - faultsBefore,
            JitInfo.GetCompiledMethodCount() - methodsBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);
    }

    /// <summary>Waits until no method has been JIT-compiled for 200 ms (at most 5 s).</summary>
    private static async Task WaitForJitQuietAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        var compiled = JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(200);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }

    /// <summary>
    /// Page faults of this process so far (Linux; 0 elsewhere). Memory touched for the first time costs a fault each
    /// 4 KiB, which on this VM is several microseconds: a run that had to fault in its block store shows it here.
    /// </summary>
    private static long MinorPageFaults()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }

        // Fields after the command name (which is in parentheses and may hold spaces): state is [0], minflt is [7].
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    /// <summary>The better of two runs (least disturbed: shortest wall time).</summary>
    public TransferSample Best(TransferSample other) => other.Wall < Wall ? other : this;

    public double MegabytesPerSecond(long bytes) => bytes / 1e6 / Wall.TotalSeconds;

    public double MegabytesPerCpuSecond(long bytes) => bytes / 1e6 / Cpu.TotalSeconds;

    public string Describe(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"{Wall.TotalSeconds,7:F2} s {MegabytesPerSecond(bytes),7:F1} MB/s {MegabytesPerCpuSecond(bytes),7:F1} MB/cpu-s");

    /// <summary>The JIT's share of <see cref="Cpu"/>, for reading how much of a run was warm-up rather than the transfer.</summary>
    public string DescribeJit() => string.Create(CultureInfo.InvariantCulture,
        $"{Jit.TotalSeconds:F2} s of its {Cpu.TotalSeconds:F2} CPU-s was JIT compiling {JitMethods} methods ({Jit / Cpu:P0}); GC paused it {GcPause.TotalMilliseconds:F0} ms, {Gen2Collections} full collections");
}
