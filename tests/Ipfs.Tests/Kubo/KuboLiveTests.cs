using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Kubo;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>
/// The Kubo client against a real Kubo, when <c>KUBO_API</c> names its RPC API (e.g. <c>http://127.0.0.1:5001</c>); skipped
/// with that message otherwise (no Kubo binary can be installed here). Also re-checks the reference vectors (b)–(d) against
/// Kubo itself, as the reference asks.
/// </summary>
public class KuboLiveTests
{
    private const string SkipMessage = "KUBO_API is not set: set it to a running Kubo's RPC API (e.g. http://127.0.0.1:5001) to run the real-Kubo tests.";

    [SkippableFact]
    public async Task RealKubo_Version_Answers()
    {
        using var client = Client();

        Assert.False(string.IsNullOrWhiteSpace(await client.VersionAsync()));
    }

    [SkippableFact]
    public async Task RealKubo_OnlyHash_MatchesTheReferenceVectorsAndOurImporter()
    {
        using var client = Client();
        var options = new KuboAddOptions { OnlyHash = true, Pin = false };

        var hello = await client.AddAsync([KuboAddPart.File("hello.txt", TestData.Hello)], options);
        var pattern = await client.AddAsync([KuboAddPart.File("b.bin", TestData.Pattern(TestData.MiB))], options);
        var directory = await client.AddAsync([KuboAddPart.Directory("d"), KuboAddPart.File("d/a.txt", "a"u8.ToArray()), KuboAddPart.File("d/b.bin", TestData.Pattern(TestData.MiB))], options);
        var random = TestData.Random(174 * 262144 + 1, seed: 17);
        var large = await client.AddAsync([KuboAddPart.File("r.bin", random)], options);

        Assert.Equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", hello[^1].Cid.ToString());
        Assert.Equal("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau", pattern[^1].Cid.ToString());
        Assert.Equal("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me", directory[^1].Cid.ToString());
        Assert.Equal((await new UnixFsImporter().ImportBytesAsync(random, new MemoryBlockStore())).Cid, large[^1].Cid);
    }

    [SkippableFact]
    public async Task RealKubo_AddCatPinExportImport_RoundTrip()
    {
        using var client = Client();
        var content = TestData.Random(600_000, seed: 23);

        var entry = await client.AddFileAsync("live.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(content)));
        Assert.Equal(content, await client.CatBytesAsync(entry.Cid));
        Assert.Contains(await client.PinListAsync(KuboPinType.Recursive, entry.Cid), pin => pin.Cid == entry.Cid);

        using var car = new MemoryStream();
        await client.DagExportAsync(entry.Cid, car);
        car.Position = 0;
        var reader = await CarReader.OpenAsync(car);
        var store = new MemoryBlockStore();
        while (await reader.ReadBlockAsync() is { } block)
        {
            await store.PutAsync(block);
        }

        using var output = new MemoryStream();
        await new UnixFsExporter(store).WriteFileAsync(entry.Cid, output);
        Assert.Equal(content, output.ToArray());

        Assert.Equal([entry.Cid], await client.PinRemoveAsync(entry.Cid));
        var imported = await client.DagImportAsync(_ => ValueTask.FromResult<Stream>(new MemoryStream(car.ToArray())));
        Assert.True(Assert.Single(imported).Pinned);
        await client.PinRemoveAsync(entry.Cid);
    }

    [SkippableFact]
    public async Task RealKubo_CatOfAnInvalidPath_ThrowsWithKubosMessage()
    {
        using var client = Client();

        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => client.CatAsync("/ipfs/not-a-cid", Stream.Null));

        Assert.False(string.IsNullOrWhiteSpace(exception.KuboMessage));
    }

    private static KuboRpcClient Client()
    {
        var address = Environment.GetEnvironmentVariable("KUBO_API");
        Skip.If(string.IsNullOrWhiteSpace(address), SkipMessage);
        return new KuboRpcClient(new KuboRpcOptions { ApiAddress = new Uri(address!.TrimEnd('/') + "/") });
    }
}
