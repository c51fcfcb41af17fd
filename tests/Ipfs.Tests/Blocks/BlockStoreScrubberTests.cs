using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// The scrub behind recovery and <see cref="FileSystemBlockStore.VerifyAllAsync"/>: which files it re-hashes (those
/// written at or after the given time), which it removes (a wrong hash or more bytes than the limit), and its counts.
/// </summary>
public sealed class BlockStoreScrubberTests : IDisposable
{
    private const int Limit = 1024;
    private readonly TemporaryDirectory _folder = new();
    private readonly BlockFileLayout _layout;

    public BlockStoreScrubberTests()
    {
        _layout = new BlockFileLayout(_folder.Combine("store"));
        _layout.CreateFolders();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Scrub_RemovesWrongHashesAndOversizedFiles_KeepsABlockOfExactlyTheLimit_AndCountsEach()
    {
        var atLimit = Store(Block.Create(MulticodecCode.Raw, TestData.Random(Limit, 1)));
        var oversized = Store(Block.Create(MulticodecCode.Raw, TestData.Random(Limit + 1, 2)));
        var flipped = Store(Block.Create(MulticodecCode.Raw, TestData.Random(500, 3)));
        Flip(flipped);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(atLimit)!, "notes.txt"), new byte[77]);

        var outcome = Scrub(DateTime.MinValue, DeleteFile);

        Assert.Equal(new BlockStoreScrubber.Outcome(BlockCount: 1, TotalBytes: Limit, Checked: 3, Removed: 2), outcome);
        Assert.True(File.Exists(atLimit));
        Assert.False(File.Exists(oversized));
        Assert.False(File.Exists(flipped));
    }

    [Fact]
    public void Scrub_ABadFileSomeoneElseRemovedFirst_IsNotCountedAsRemoved_NorAsABlock()
    {
        var flipped = Store(Block.Create(MulticodecCode.Raw, TestData.Random(500, 4)));
        Flip(flipped);

        var outcome = Scrub(DateTime.MinValue, _ => false);

        Assert.Equal(new BlockStoreScrubber.Outcome(BlockCount: 0, TotalBytes: 0, Checked: 1, Removed: 0), outcome);
    }

    [Fact]
    public void Scrub_ReHashesFilesWrittenAtOrAfterTheTime_AndOnlyCountsOlderOnes()
    {
        var time = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        var atTheTime = Store(Block.Create(MulticodecCode.Raw, TestData.Random(300, 5)));
        var justBefore = Store(Block.Create(MulticodecCode.Raw, TestData.Random(400, 6)));
        Flip(atTheTime);
        Flip(justBefore);
        File.SetLastWriteTimeUtc(atTheTime, time);
        File.SetLastWriteTimeUtc(justBefore, time.AddTicks(-1));

        var outcome = Scrub(time, DeleteFile);

        Assert.Equal(new BlockStoreScrubber.Outcome(BlockCount: 1, TotalBytes: 400, Checked: 1, Removed: 1), outcome);
        Assert.False(File.Exists(atTheTime));
        Assert.True(File.Exists(justBefore));
    }

    [Fact]
    public void Scrub_FromTheEndOfTime_ChecksNothing_AndCountsEveryBlock()
    {
        Flip(Store(Block.Create(MulticodecCode.Raw, TestData.Random(300, 7))));
        Store(Block.Create(MulticodecCode.Raw, TestData.Random(200, 8)));

        var outcome = Scrub(DateTime.MaxValue, DeleteFile);

        Assert.Equal(new BlockStoreScrubber.Outcome(BlockCount: 2, TotalBytes: 500, Checked: 0, Removed: 0), outcome);
    }

    [Fact]
    public void Scrub_Cancelled_StopsAtTheFirstFile()
    {
        var stored = Store(Block.Create(MulticodecCode.Raw, TestData.Random(300, 9)));
        Flip(stored);

        Assert.Throws<OperationCanceledException>(() =>
            new BlockStoreScrubber(_layout, Limit, NullLogger.Instance).Scrub(DateTime.MinValue, DeleteFile, new CancellationToken(canceled: true)));
        Assert.True(File.Exists(stored));
    }

    private static bool DeleteFile(string path)
    {
        File.Delete(path);
        return true;
    }

    private static void Flip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private BlockStoreScrubber.Outcome Scrub(DateTime since, Func<string, bool> remove) =>
        new BlockStoreScrubber(_layout, Limit, NullLogger.Instance).Scrub(since, remove, CancellationToken.None);

    private string Store(Block block)
    {
        var path = _layout.PathOf(block.Cid);
        File.WriteAllBytes(path, block.Data.ToArray());
        return path;
    }
}
