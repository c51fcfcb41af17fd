using System.Security.Cryptography;
using System.Text.Json;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// Our gateway against the JavaScript reference stack (Node 22 from node_modules): a Helia light node with trustless-gateway
/// routing (<c>@helia/http</c>) reads a file and a directory through it, and <c>@ipld/car</c> parses its CAR responses.
/// </summary>
public class HeliaGatewayInteropTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Helia_ReadsAMultiChunkFileFromOurGateway_IdenticalBytes()
    {
        var store = new MemoryBlockStore();
        var content = TestData.Random(3 * TestData.MiB + 12345, seed: 5);
        var file = await UnixFsFixture.AddFileAsync(store, content);
        await using var gateway = await RunningGateway.StartAsync(store);

        using var result = await RunAsync("helia-gateway-fetch.mjs", gateway.BaseAddress.ToString().TrimEnd('/'), file.Cid.ToString(), "file");

        Assert.Equal(content.Length, result.RootElement.GetProperty("length").GetInt32());
        Assert.Equal(Sha256(content), result.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Helia_ListsAndReadsADirectoryFromOurGateway_IdenticalBytes()
    {
        var store = new MemoryBlockStore();
        var files = new Dictionary<string, byte[]>
        {
            ["a.txt"] = "a"u8.ToArray(),
            ["b.bin"] = TestData.Pattern(TestData.MiB),
            ["c.bin"] = TestData.Random(300_000, seed: 9),
            ["empty"] = [],
        };
        var entries = new List<(string, Cid, ulong)>();
        foreach (var (name, bytes) in files)
        {
            var added = await UnixFsFixture.AddFileAsync(store, bytes);
            entries.Add((name, added.Cid, added.Tsize));
        }

        var directory = await UnixFsFixture.AddDirectoryAsync(store, [.. entries]);
        await using var gateway = await RunningGateway.StartAsync(store);

        using var result = await RunAsync("helia-gateway-fetch.mjs", gateway.BaseAddress.ToString().TrimEnd('/'), directory.Cid.ToString(), "dir");

        var listed = result.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), listed.Select(entry => entry.GetProperty("name").GetString()));
        foreach (var entry in listed)
        {
            var bytes = files[entry.GetProperty("name").GetString()!];
            Assert.Equal(bytes.Length, entry.GetProperty("length").GetInt32());
            Assert.Equal(Sha256(bytes), entry.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public async Task IpldCar_ParsesOurCarResponse_AllBlocksVerifiedInTheReferenceOrder()
    {
        var store = new MemoryBlockStore();
        var directory = await UnixFsFixture.AddReferenceDirectoryAsync(store);
        await using var gateway = await RunningGateway.StartAsync(store);

        using var result = await RunAsync("helia-gateway-car.mjs", new Uri(gateway.BaseAddress, $"ipfs/{directory}?format=car").ToString());

        var root = result.RootElement;
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal(GatewayMediaTypes.CarResponse, root.GetProperty("contentType").GetString());
        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal([directory.ToString()], root.GetProperty("roots").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal(ReferenceGatewayFixture.DirectoryCarOrder.Select(cid => cid.ToString()), root.GetProperty("blocks").EnumerateArray().Select(item => item.GetString()));
    }

    private static async Task<JsonDocument> RunAsync(string script, params string[] arguments)
    {
        await using var process = ExternalProcess.StartNodeScript(script, arguments);
        var line = await process.WaitForLineAsync(text => text.StartsWith('{'), ScriptTimeout);
        return JsonDocument.Parse(line);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
