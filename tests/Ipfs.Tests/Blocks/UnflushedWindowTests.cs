using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// The batched policy's window marker: written durably before the first write of a window, left alone by later writes,
/// removed by a flush that no write raced with, and read back by recovery (a torn marker meaning "scrub everything").
/// </summary>
public sealed class UnflushedWindowTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly FileStream _handleFile;

    public UnflushedWindowTests()
    {
        _handleFile = new FileStream(_folder.Combine("store.lock"), FileMode.Create, FileAccess.ReadWrite);
    }

    private string Marker => _folder.Combine("unflushed-since");

    public void Dispose()
    {
        _handleFile.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void FirstWrite_RecordsTheWindowStart_InTheMarker_WithNoTemporaryFileLeft()
    {
        var before = DateTime.UtcNow;
        NewWindow().BeginWrite();
        var after = DateTime.UtcNow;

        var start = UnflushedWindow.ReadLeftover(Marker);

        Assert.NotNull(start);
        Assert.InRange(start.Value, before, after);
        Assert.Equal(DateTimeKind.Utc, start.Value.Kind);
        Assert.Equal(["store.lock", "unflushed-since"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LaterWritesOfAnOpenWindow_DoNotRewriteTheMarker()
    {
        var window = NewWindow();
        window.BeginWrite();
        window.EndWrite();
        File.Delete(Marker);

        window.BeginWrite();

        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public void Flush_WithNoWriteInFlight_ClosesTheWindow_AndTheNextWriteOpensANewOne()
    {
        var window = NewWindow();
        window.BeginWrite();
        window.EndWrite();

        window.Flush();
        Assert.False(File.Exists(Marker));

        window.BeginWrite();
        Assert.True(File.Exists(Marker));
    }

    [Fact]
    public void Flush_WhileAWriteIsInFlight_KeepsTheWindowOpen_UntilAFlushAfterItEnds()
    {
        var window = NewWindow();
        window.BeginWrite();
        window.BeginWrite();
        window.EndWrite();

        window.Flush();
        Assert.True(File.Exists(Marker));

        window.EndWrite();
        window.Flush();
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public void Flush_OfAWindowNeverOpened_TouchesNothing()
    {
        File.WriteAllText(Marker, "left by someone else");

        NewWindow().Flush();

        Assert.Equal("left by someone else", File.ReadAllText(Marker));
    }

    [Fact]
    public void FirstWrite_ReplacesAStaleMarker()
    {
        File.WriteAllText(Marker, "2000-01-01T00:00:00.0000000Z");

        NewWindow().BeginWrite();

        Assert.True(UnflushedWindow.ReadLeftover(Marker) > DateTime.UtcNow.AddHours(-1));
    }

    [Fact]
    public void ReadLeftover_WithoutAMarker_IsNull()
    {
        Assert.Null(UnflushedWindow.ReadLeftover(Marker));
    }

    [Theory]
    [InlineData(" 2026-01-02T03:04:05.1234567Z\n")]
    [InlineData("2026-01-02T05:04:05.1234567+02:00")]
    public void ReadLeftover_ParsesTheStart_AsUtc(string text)
    {
        File.WriteAllText(Marker, text);

        var start = UnflushedWindow.ReadLeftover(Marker);

        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), start);
        Assert.Equal(DateTimeKind.Utc, start!.Value.Kind);
    }

    [Fact]
    public void ReadLeftover_OfATornMarker_MeansAnUnknownStart()
    {
        File.WriteAllText(Marker, "2026-01-02T03:0x");

        Assert.Equal(DateTime.MinValue, UnflushedWindow.ReadLeftover(Marker));
    }

    private UnflushedWindow NewWindow() => new(Marker, _handleFile.SafeFileHandle);
}
