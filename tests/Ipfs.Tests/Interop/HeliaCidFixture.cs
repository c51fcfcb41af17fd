using System.Text;
using System.Text.Json;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Interop;

/// <summary>
/// Writes the interop inputs to disk once and has Helia (tests/interop/helia-cids.mjs, configured like Kubo) compute the
/// CID of every one of them in a single Node process.
/// </summary>
public sealed class HeliaCidFixture : IAsyncLifetime
{
    private const int Chunk = 262144;
    private readonly TemporaryDirectory _folder = new();
    private readonly Dictionary<string, string> _heliaCids = new(StringComparer.Ordinal);

    /// <summary>The generated files, by test name.</summary>
    public static IReadOnlyDictionary<string, long> FileSizes { get; } = new Dictionary<string, long>
    {
        ["empty"] = 0,
        ["one-byte"] = 1,
        ["chunk-minus-1"] = Chunk - 1,
        ["chunk"] = Chunk,
        ["chunk-plus-1"] = Chunk + 1,
        ["one-mib"] = 1048576,
        ["174-chunks"] = 174L * Chunk,
        ["174-chunks-plus-1"] = (174L * Chunk) + 1,
        ["176-chunks"] = 176L * Chunk,
        ["fifty-mib"] = 50L * 1048576,
    };

    /// <summary>Name of the generated directory tree (three levels, 1,000 entries).</summary>
    public const string TreeName = "tree";

    public string PathOf(string name) => _folder.Combine(name);

    public string HeliaCidOf(string name) => _heliaCids[PathOf(name)];

    public async Task InitializeAsync()
    {
        var seed = 1;
        foreach (var (name, size) in FileSizes)
        {
            await WriteRandomFileAsync(PathOf(name), size, seed++);
        }

        InputTree.Create(PathOf(TreeName));
        var paths = FileSizes.Keys.Append(TreeName).Select(PathOf).ToArray();
        await using var helia = ExternalProcess.StartNodeScript("helia-cids.mjs", paths);
        while (true)
        {
            var line = await helia.ReadLineAsync(TimeSpan.FromMinutes(3));
            if (line == "done")
            {
                break;
            }

            using var json = JsonDocument.Parse(line);
            _heliaCids[json.RootElement.GetProperty("path").GetString()!] = json.RootElement.GetProperty("cid").GetString()!;
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static async Task WriteRandomFileAsync(string path, long size, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1048576];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)));
        }
    }
}
