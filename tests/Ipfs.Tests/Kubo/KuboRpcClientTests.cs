using System.Net;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Kubo;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>The Kubo RPC client against <see cref="KuboRpcStandIn"/> (the documented request/response shapes).</summary>
public sealed class KuboRpcClientTests : IAsyncLifetime
{
    private static readonly Cid HelloCid = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    private KuboRpcStandIn _kubo = null!;
    private KuboRpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _kubo = await KuboRpcStandIn.StartAsync();
        _client = new KuboRpcClient(new KuboRpcOptions { ApiAddress = _kubo.ApiAddress });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kubo.DisposeAsync();
    }

    [Fact]
    public async Task AddFile_SendsTheProjectProfileAndPins()
    {
        var entry = await _client.AddFileAsync("hello.txt", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Hello)));

        Assert.Equal(new KuboAddedEntry("hello.txt", HelloCid, 12), entry);
        var request = Assert.Single(_kubo.Requests);
        Assert.StartsWith("add?", request);
        foreach (var argument in (string[])["cid-version=1", "raw-leaves=true", "chunker=size-262144", "hash=sha2-256", "pin=true"])
        {
            Assert.Contains(argument, request.Split('?')[1].Split('&'));
        }

        Assert.Equal([new KuboPin(HelloCid, KuboPinType.Recursive, null)], await _client.PinListAsync());
    }

    [Fact]
    public async Task Add_LocalDirectory_StreamsEscapedPathsAndReturnsTheRootLast()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.Combine("d"));
        await File.WriteAllBytesAsync(folder.Combine("d", "a.txt"), "a"u8.ToArray());
        await File.WriteAllBytesAsync(folder.Combine("d", "b.bin"), TestData.Pattern(TestData.MiB));

        var entries = await _client.AddAsync(KuboAddPart.FromLocalPath(folder.Combine("d")));

        Assert.Equal(["d/a.txt", "d/b.bin", "d"], entries.Select(entry => entry.Name));
        Assert.Equal(Cid.Parse("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me"), entries[^1].Cid);
        Assert.Equal(1048784UL, entries[1].Size);
    }

    [Fact]
    public async Task Add_WrapWithDirectory_ReturnsTheWrapperLast()
    {
        var entries = await _client.AddAsync([KuboAddPart.File("hello.txt", TestData.Hello)], new KuboAddOptions { WrapWithDirectory = true });

        Assert.Equal(Cid.Parse("bafybeidhkumeonuwkebh2i4fc7o7lguehauradvlk57gzake6ggjsy372a"), entries[^1].Cid);
        Assert.Equal(string.Empty, entries[^1].Name);
    }

    [Fact]
    public async Task Add_OnlyHash_StoresAndPinsNothing()
    {
        var entry = await _client.AddFileAsync("hello.txt", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Hello)), new KuboAddOptions { OnlyHash = true });

        Assert.Equal(HelloCid, entry.Cid);
        Assert.False(await _kubo.Store.HasAsync(HelloCid));
        Assert.Empty(await _client.PinListAsync());
    }

    [Fact]
    public async Task Add_EntryBeforeItsDirectory_IsRefusedBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.AddAsync([KuboAddPart.File("d/a.txt", "a"u8.ToArray()), KuboAddPart.Directory("d")]));

        Assert.Empty(_kubo.Requests);
    }

    [Fact]
    public async Task Cat_WholeAndRange_ReturnsTheFileBytes()
    {
        var content = TestData.Random(700_000, seed: 3);
        var entry = await _client.AddFileAsync("f.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(content)));

        var whole = await _client.CatBytesAsync(entry.Cid);
        using var range = new MemoryStream();
        var count = await _client.CatAsync($"/ipfs/{entry.Cid}", range, offset: 262_000, length: 1000);

        Assert.Equal(content, whole);
        Assert.Equal(1000, count);
        Assert.Equal(content.AsSpan(262_000, 1000).ToArray(), range.ToArray());
    }

    [Fact]
    public async Task Cat_StreamErrorTrailer_ThrowsKuboStreamExceptionWithTheMessage()
    {
        var entry = await _client.AddFileAsync("f.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Pattern(500_000))));
        _kubo.CatStreamError = (1000, "context canceled");

        var exception = await Assert.ThrowsAsync<KuboStreamException>(() => _client.CatBytesAsync(entry.Cid));

        Assert.Equal("context canceled", exception.TrailerMessage);
        Assert.Contains("context canceled", exception.Message);
        Assert.Equal("cat", exception.Command);
    }

    [Fact]
    public async Task Cat_AbsentContent_ThrowsKuboRpcExceptionWithKubosMessage()
    {
        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => _client.CatBytesAsync(HelloCid));

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.Contains(HelloCid.ToString(), exception.KuboMessage);
        Assert.Equal(0, exception.Code);
    }

    [Fact]
    public async Task Pins_AddListRemove_RoundTrip()
    {
        var entry = await _client.AddFileAsync("hello.txt", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Hello)), new KuboAddOptions { Pin = false });
        Assert.Empty(await _client.PinListAsync(cid: entry.Cid));

        Assert.Equal([entry.Cid], await _client.PinAddAsync(entry.Cid, recursive: false, name: "checkpoint-1"));
        Assert.Equal([new KuboPin(entry.Cid, KuboPinType.Direct, "checkpoint-1")], await _client.PinListAsync(KuboPinType.Direct, entry.Cid));
        Assert.Empty(await _client.PinListAsync(KuboPinType.Recursive));
        Assert.Equal([entry.Cid], await _client.PinRemoveAsync(entry.Cid, recursive: false));

        var notPinned = await Assert.ThrowsAsync<KuboRpcException>(() => _client.PinRemoveAsync(entry.Cid));
        Assert.Equal("not pinned or pinned indirectly", notPinned.KuboMessage);
        Assert.Contains("pin/rm", notPinned.Message);
    }

    [Fact]
    public async Task DagExport_StreamsAVerifiableCar()
    {
        var content = TestData.Pattern(TestData.MiB);
        var entry = await _client.AddFileAsync("b.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(content)));
        using var car = new MemoryStream();

        var length = await _client.DagExportAsync(entry.Cid, car);

        Assert.Equal(car.Length, length);
        car.Position = 0;
        var reader = await CarReader.OpenAsync(car);
        var blocks = 0;
        while (await reader.ReadBlockAsync() is not null)
        {
            blocks++;
        }

        Assert.Equal([entry.Cid], reader.Roots);
        Assert.Equal(5, blocks);
    }

    [Fact]
    public async Task DagExport_MissingBlockAfterStreamingStarted_ThrowsFromTheTrailer()
    {
        var entry = await _client.AddFileAsync("b.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Pattern(TestData.MiB))));
        var leaf = Dag.DagLinks.Of(entry.Cid, (await _kubo.Store.GetAsync(entry.Cid))!)[2];
        await _kubo.Store.DeleteAsync(leaf);

        var exception = await Assert.ThrowsAsync<KuboStreamException>(() => _client.DagExportAsync(entry.Cid, new MemoryStream()));

        Assert.Contains(leaf.ToString(), exception.TrailerMessage);
    }

    [Fact]
    public async Task DagImport_PinsCompleteRootsAndReportsIncompleteOnes()
    {
        var source = new Ipfs.Blocks.MemoryBlockStore();
        var complete = (await new UnixFsImporter().ImportBytesAsync(TestData.Pattern(600_000), source)).Cid;
        using var car = new MemoryStream();
        await CarExporter.ExportAsync(source, complete, car);
        using var rootOnly = new MemoryStream();
        var writer = await CarWriter.CreateAsync(rootOnly, [complete]);
        await writer.WriteBlockAsync(complete, (await source.GetAsync(complete))!);

        var imported = await _client.DagImportAsync(_ => ValueTask.FromResult<Stream>(new MemoryStream(car.ToArray())));
        Assert.Equal([new KuboImportedRoot(complete, null)], imported);
        Assert.True(imported[0].Pinned);

        await using var other = await KuboRpcStandIn.StartAsync();
        using var otherClient = new KuboRpcClient(new KuboRpcOptions { ApiAddress = other.ApiAddress });
        var partial = Assert.Single(await otherClient.DagImportAsync(_ => ValueTask.FromResult<Stream>(new MemoryStream(rootOnly.ToArray()))));
        Assert.False(partial.Pinned);
        Assert.Contains("could not find", partial.PinError);
    }

    [Fact]
    public async Task WrongAddress_404_ExplainsWhatToCheck()
    {
        using var client = new KuboRpcClient(new KuboRpcOptions { ApiAddress = new Uri(_kubo.ApiAddress, "not-the-api/") });

        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => client.VersionAsync());

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Contains("404 page not found", exception.Message);
        Assert.Contains("RPC API", exception.Message);
    }

    [Fact]
    public async Task Unreachable_ThrowsKuboRpcExceptionNamingTheAddress()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var client = new KuboRpcClient(new KuboRpcOptions { ApiAddress = address });

        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => client.VersionAsync());

        Assert.Contains(address.ToString(), exception.Message);
    }

    [Fact]
    public async Task Version_ReadsTheVersionField()
    {
        Assert.Equal("0.39.0-standin", await _client.VersionAsync());
    }

    [Fact]
    public async Task Limits_OversizeAnswers_AreRefused()
    {
        var entry = await _client.AddFileAsync("f.bin", _ => ValueTask.FromResult<Stream>(new MemoryStream(TestData.Pattern(100_000))));

        await Assert.ThrowsAsync<InvalidDataException>(() => _client.CatBytesAsync(entry.Cid, maxBytes: 99_999));
        using var tight = new KuboRpcClient(new KuboRpcOptions { ApiAddress = _kubo.ApiAddress, MaxEntries = 1 });
        await Assert.ThrowsAsync<InvalidDataException>(() => tight.AddAsync([KuboAddPart.Directory("d"), KuboAddPart.File("d/x", "x"u8.ToArray())]));
    }
}
