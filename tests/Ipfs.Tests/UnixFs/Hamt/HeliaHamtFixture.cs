using System.Text.Json;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

/// <summary>
/// Writes the HAMT trees once and has Helia (tests/interop/helia-cids.mjs, configured like Kubo: fanout 256, links-bytes
/// threshold 262144) compute each one's CID in a single Node process.
/// </summary>
public sealed class HeliaHamtFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private readonly Dictionary<string, string> _heliaCids = new(StringComparer.Ordinal);

    public const string AtThreshold = "at-threshold";
    public const string PastThreshold = "past-threshold";
    public const string Collisions = "collisions";
    public const string Nested = "nested";
    public const string Empty = "empty";

    public IReadOnlyList<string> CollidingNames { get; private set; } = [];

    public string PathOf(string name) => _folder.Combine(name);

    public string HeliaCidOf(string name) => _heliaCids[PathOf(name)];

    public async Task InitializeAsync()
    {
        HamtTrees.CreateAroundThreshold(PathOf(AtThreshold), 28);
        HamtTrees.CreateAroundThreshold(PathOf(PastThreshold), 29);
        CollidingNames = HamtTrees.CreateWithCollisions(PathOf(Collisions));
        HamtTrees.CreateNested(PathOf(Nested));
        Directory.CreateDirectory(PathOf(Empty));
        string[] paths = [PathOf(AtThreshold), PathOf(PastThreshold), PathOf(Collisions), PathOf(Nested), PathOf(Empty)];
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
}
