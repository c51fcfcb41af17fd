namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>
/// One measurement: wall-clock time and the CPU time (user + system, all threads) it cost. On a shared, oversubscribed
/// machine wall-clock rates mostly measure the neighbours; CPU time is the stable measure of the work itself.
/// <see cref="Kernel"/> is the part of <see cref="Cpu"/> spent in system calls (zero when not measured): file creation
/// costs show up there, not in our code.
/// </summary>
internal readonly record struct Sample(TimeSpan Wall, TimeSpan Cpu, TimeSpan Kernel = default)
{
    public static Sample Worst { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

    /// <summary>Best wall-clock and best CPU time of two samples (each independently; the kernel share goes with the CPU time).</summary>
    public Sample Best(Sample other) =>
        new(Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu ? Cpu : other.Cpu, Cpu < other.Cpu ? Kernel : other.Kernel);
}
