namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Scratch files and folders of one benchmark run (deleted at the end).</summary>
internal sealed class BenchFiles : IDisposable
{
    public BenchFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "depingpu-ipfs-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="size"/> pseudo-random bytes (incompressible, no repeated chunks).</summary>
    public static void WriteRandom(string path, long size, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[4 * 1024 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
