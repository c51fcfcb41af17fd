using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// Opening after a crash inside the batched policy's window: blocks written since the marker's time, less the clock
/// slack, are re-hashed and torn ones removed and not counted; older ones are only counted; a torn marker re-hashes all;
/// without a marker nothing is re-hashed. And a recovery that fails releases the store's lock.
/// </summary>
public sealed class FileSystemBlockStoreRecoveryTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Marker => _folder.Combine("store", "unflushed-since");

    [Fact]
    public async Task Open_AfterACrash_ReHashesFromTheMarkerLessTheClockSlack_AndNoEarlier()
    {
        var good = Block.Create(MulticodecCode.Raw, TestData.Random(4000, 1));
        var insideSlack = Block.Create(MulticodecCode.Raw, TestData.Random(1000, 2));
        var atSlack = Block.Create(MulticodecCode.Raw, TestData.Random(1100, 3));
        var beforeSlack = Block.Create(MulticodecCode.Raw, TestData.Random(1200, 4));
        var store = await OpenAsync();
        foreach (var block in new[] { good, insideSlack, atSlack, beforeSlack })
        {
            await store.PutAsync(block);
        }

        store.AbandonWithoutFlush();
        var start = UnflushedWindow.ReadLeftover(Marker)!.Value;
        Tear(insideSlack.Cid, start - TimeSpan.FromSeconds(3));
        Tear(atSlack.Cid, start - UnflushedWindow.ClockSlack);
        // Older than the window: written and flushed before the crash, so recovery trusts it (and only counts it).
        Tear(beforeSlack.Cid, start - UnflushedWindow.ClockSlack - TimeSpan.FromTicks(1));

        using var recovered = await OpenAsync();

        Assert.Equal(5, UnflushedWindow.ClockSlack.TotalSeconds);
        Assert.True(await recovered.HasAsync(good.Cid));
        Assert.False(await recovered.HasAsync(insideSlack.Cid));
        Assert.False(await recovered.HasAsync(atSlack.Cid));
        Assert.True(await recovered.HasAsync(beforeSlack.Cid));
        Assert.Equal(new BlockStoreUsage(2, 4000 + 600), recovered.GetUsage());
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task Open_AfterACleanClose_ReHashesNothing()
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, 5));
        using (var store = await OpenAsync())
        {
            await store.PutAsync(block);
        }

        Assert.False(File.Exists(Marker));
        Tear(block.Cid, DateTime.UtcNow);

        using var reopened = await OpenAsync();

        Assert.True(await reopened.HasAsync(block.Cid));
        Assert.Equal(new BlockStoreUsage(1, 500), reopened.GetUsage());
    }

    [Fact]
    public async Task Open_WithATornMarker_ReHashesEveryBlock()
    {
        var old = Block.Create(MulticodecCode.Raw, TestData.Random(1000, 6));
        var kept = Block.Create(MulticodecCode.Raw, TestData.Random(700, 7));
        using (var store = await OpenAsync())
        {
            await store.PutAsync(old);
            await store.PutAsync(kept);
        }

        Tear(old.Cid, DateTime.UtcNow.AddYears(-1));
        await File.WriteAllTextAsync(Marker, "2026-12-0");

        using var recovered = await OpenAsync();

        Assert.False(await recovered.HasAsync(old.Cid));
        Assert.Equal(new BlockStoreUsage(1, 700), recovered.GetUsage());
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task Open_WhoseRecoveryFails_ReleasesTheLock()
    {
        // Recovery fails here by cancellation (the scrub checks the token at each file): deterministic, and unlike an
        // unreadable folder it does not depend on not running as root.
        using (var store = await OpenAsync())
        {
            await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Random(100, 8)));
        }

        Assert.Throws<OperationCanceledException>(() => FileSystemBlockStore.Open(Options(), cancellationToken: new CancellationToken(canceled: true)));

        using var reopened = FileSystemBlockStore.Open(Options());
        Assert.Equal(new BlockStoreUsage(1, 100), reopened.GetUsage());
    }

    private BlockStoreOptions Options() => new() { RootPath = _folder.Combine("store") };

    private Task<FileSystemBlockStore> OpenAsync() => FileSystemBlockStore.OpenAsync(Options());

    /// <summary>Truncates the block's file to half (a write the crash cut short) and gives it <paramref name="writtenAt"/>.</summary>
    private void Tear(Cid cid, DateTime writtenAt)
    {
        var name = cid.ToV1().ToString();
        var path = _folder.Combine("store", "blocks", name[^3..^1], name);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        File.SetLastWriteTimeUtc(path, writtenAt);
    }
}
