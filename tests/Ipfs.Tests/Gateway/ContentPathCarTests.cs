using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.Tests.UnixFs.Hamt;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// CARs for content paths (through a HAMT-sharded directory) and for <c>entity-bytes</c>, read back by Helia's UnixFS
/// exporter from the CAR's blocks alone (tests/interop/helia-car-range.mjs): it fails on any block the CAR lacks, and the
/// bytes it reads are compared with a slice of the original content.
/// </summary>
public sealed class ContentPathCarTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);
    private static readonly byte[] Big = TestData.Random(TestData.MiB + 5, seed: 33);
    private readonly TemporaryDirectory _folder = new();
    private readonly CountingBlockStore _store = new(new MemoryBlockStore());
    private RunningGateway? _gateway;
    private Cid? _sharded;
    private Cid? _file;

    private RunningGateway Gateway => _gateway!;

    public async Task InitializeAsync()
    {
        var folder = _folder.Combine("sharded");
        HamtTrees.CreateAroundThreshold(folder, 29);
        await File.WriteAllBytesAsync(Path.Combine(folder, "big.bin"), Big);
        _sharded = (await new UnixFsImporter().ImportAsync(folder, _store)).Cid;
        _file = (await new UnixFsImporter().ImportBytesAsync(Big, new MemoryBlockStore())).Cid;
        _gateway = await RunningGateway.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task EntityBytes_ThroughAShardedDirectory_HoldsThePathAndOnlyTheRangeBlocks()
    {
        var url = Url($"ipfs/{_sharded}/big.bin?format=car&entity-bytes=300000:400000");

        using var result = await RunAsync(url, $"{_sharded}/big.bin", 300000, 100001);

        var root = result.RootElement;
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal(Sha256(Big[300000..400001]), root.GetProperty("sha256").GetString());
        // Shard nodes on big.bin's path (two or three), the file's root and the one leaf holding bytes 262144..524287.
        Assert.InRange(root.GetProperty("blocks").GetInt32(), 4, 5);
    }

    [Fact]
    public async Task EntityBytes_FromTheEnd_ReadsTheTail()
    {
        var url = Url($"ipfs/{_sharded}/big.bin?format=car&entity-bytes=-1000:*");

        using var result = await RunAsync(url, $"{_sharded}/big.bin", Big.Length - 1000, 1000);

        Assert.Equal(Sha256(Big[^1000..]), result.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task WholeFileByPath_ReadsEveryByte_AndAMissingBlockWouldFail()
    {
        using var whole = await RunAsync(Url($"ipfs/{_sharded}/big.bin?format=car"), $"{_sharded}/big.bin", 0, Big.Length);
        using var rangeOnly = await RunAsync(Url($"ipfs/{_sharded}/big.bin?format=car&entity-bytes=0:10"), $"{_sharded}/big.bin", 0, Big.Length);

        Assert.Equal(Sha256(Big), whole.RootElement.GetProperty("sha256").GetString());
        Assert.True(rangeOnly.RootElement.TryGetProperty("error", out _), "reading past the range needs blocks the CAR does not hold");
    }

    [Theory]
    [InlineData("ipfs/{dir}/no-such-entry?format=car", HttpStatusCode.NotFound)]
    [InlineData("ipfs/{dir}/big.bin?format=car&entity-bytes=10:5", HttpStatusCode.BadRequest)]
    [InlineData("ipfs/{dir}/big.bin?format=car&entity-bytes=a:b", HttpStatusCode.BadRequest)]
    [InlineData("ipfs/{dir}/big.bin?format=car&entity-bytes=0:1&entity-bytes=0:2", HttpStatusCode.BadRequest)]
    [InlineData("ipfs/{dir}//big.bin?format=car", HttpStatusCode.BadRequest)]
    [InlineData("ipfs/{dir}/big.bin?format=car", HttpStatusCode.OK)]
    [InlineData("ipfs/{dir}/big.bin/deeper?format=car", HttpStatusCode.NotFound)]
    public async Task ContentPath_Statuses(string template, HttpStatusCode expected)
    {
        using var response = await Gateway.GetAsync(template.Replace("{dir}", _sharded!.ToString(), StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task EntityBytesOfAFileInTheStore_ReadsOnlyItsRangeBlocks()
    {
        _store.Reset();
        var cid = (await UnixFsPathResolver.ResolveAsync(_store, _sharded!, ["big.bin"]))!.Target;
        Assert.Equal(_file, cid);
        _store.Reset();

        using var response = await Gateway.GetAsync($"ipfs/{cid}?format=car&entity-bytes=0:99");
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _store.Read.Count);
    }

    private string Url(string relative) => new Uri(Gateway.BaseAddress, relative).ToString();

    private static async Task<JsonDocument> RunAsync(string url, string path, long offset, long length)
    {
        await using var process = ExternalProcess.StartNodeScript("helia-car-range.mjs", url, path, offset.ToString(System.Globalization.CultureInfo.InvariantCulture), length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var line = await process.WaitForLineAsync(text => text.StartsWith('{'), ScriptTimeout);
        return JsonDocument.Parse(line);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
