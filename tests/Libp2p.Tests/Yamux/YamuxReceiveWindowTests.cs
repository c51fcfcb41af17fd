using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Yamux.YamuxOptions;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// The receive window as a frame-level sender sees it: when credits are sent, exactly how much they credit, that a
/// sender using every credit never gets more than the window buffered in our memory, and how the window grows for a
/// reader that keeps up (doubling within four round trips, up to the maximum and within the session's budget).
/// </summary>
public sealed class YamuxReceiveWindowTests
{
    private const int Half = InitialWindowSize / 2;

    /// <summary>Long enough that the growth rule's bound (four round trips) outlasts every step of a test.</summary>
    private static readonly TimeSpan SlowPing = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Reader_IsCreditedOnlyOnceHalfTheWindowIsRead_AndExactlyWhatItRead()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendDataAsync(stream, InitialWindowSize);

        // One byte short of half the window: no credit yet. The read's credit would be queued before the next one's.
        await YamuxRawPeer.ReadOnceAsync(stream, Half - 1);
        await YamuxRawPeer.ReadOnceAsync(stream, 1);
        Assert.Equal((uint)Half, await peer.NextCreditAsync(1));

        await YamuxRawPeer.ReadOnceAsync(stream, Half / 2);
        await YamuxRawPeer.ReadOnceAsync(stream, Half / 2);
        Assert.Equal((uint)Half, await peer.NextCreditAsync(1));

        // No ping was answered, so no round trip is known and the window did not grow however fast the reader was.
        Assert.Equal(InitialWindowSize, stream.ReceiveWindow);
        Assert.Equal(0, stream.BufferedBytes);
    }

    [Fact]
    public async Task SlowReader_WithASenderUsingEveryCredit_NeverBuffersMoreThanTheWindow()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendDataAsync(stream, InitialWindowSize);

        for (var round = 0; round < 4; round++)
        {
            // Read a little more than half: the credit covers what was read and not a byte of what is still buffered.
            const int read = Half + 10_000;
            await YamuxRawPeer.ReadOnceAsync(stream, read);
            var credit = await peer.NextCreditAsync(1);
            Assert.Equal((uint)read, credit);

            await peer.SendDataAsync(stream, (int)credit);
            Assert.InRange(stream.BufferedBytes, 0, stream.ReceiveWindow);
            Assert.Equal(InitialWindowSize, stream.BufferedBytes);
        }
    }

    [Fact]
    public async Task FastReader_WithinFourRoundTrips_DoublesTheWindowUpToTheMaximum()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions { MaxReceiveWindowSize = 3 * InitialWindowSize }, SlowPing);
        await peer.Server.PingAsync().WaitAsync(YamuxPair.TestTimeout);
        var stream = await peer.OpenAsync(1);

        // 256 KiB read half: doubled to 512 KiB, credit = window - still buffered.
        await peer.SendDataAsync(stream, InitialWindowSize);
        await YamuxRawPeer.ReadOnceAsync(stream, Half);
        Assert.Equal((uint)(2 * InitialWindowSize - Half), await peer.NextCreditAsync(1));
        Assert.Equal(2 * InitialWindowSize, stream.ReceiveWindow);

        // Half of 512 KiB read: grows by what is left to the maximum (256 KiB), not by a whole window.
        await peer.SendDataAsync(stream, 2 * InitialWindowSize - Half);
        await YamuxRawPeer.ReadOnceAsync(stream, InitialWindowSize);
        Assert.Equal((uint)(3 * InitialWindowSize - InitialWindowSize), await peer.NextCreditAsync(1));
        Assert.Equal(3 * InitialWindowSize, stream.ReceiveWindow);

        // At the maximum: no more growth, the credit is just what was read.
        await peer.SendDataAsync(stream, 2 * InitialWindowSize);
        await YamuxRawPeer.ReadOnceAsync(stream, 3 * Half);
        Assert.Equal((uint)(3 * Half), await peer.NextCreditAsync(1));
        Assert.Equal(3 * InitialWindowSize, stream.ReceiveWindow);
        Assert.Equal(3 * Half, stream.BufferedBytes);
    }

    [Fact]
    public async Task Reader_SlowerThanFourRoundTrips_KeepsTheWindow()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), TimeSpan.Zero);
        var roundTrip = await peer.Server.PingAsync().WaitAsync(YamuxPair.TestTimeout);
        var stream = await peer.OpenAsync(1);
        var opened = System.Diagnostics.Stopwatch.StartNew();

        // The window's epoch began when the stream was created (before AcceptStreamAsync returned): let four
        // measured round trips (at least 1 ms each) and a margin pass before half the window is read.
        var bound = 4 * (roundTrip > TimeSpan.FromMilliseconds(1) ? roundTrip : TimeSpan.FromMilliseconds(1)) + TimeSpan.FromMilliseconds(50);
        await YamuxSessionTests.WaitUntilAsync(() => opened.Elapsed > bound);

        await peer.SendDataAsync(stream, InitialWindowSize);
        await YamuxRawPeer.ReadOnceAsync(stream, Half);
        Assert.Equal((uint)Half, await peer.NextCreditAsync(1));
        Assert.Equal(InitialWindowSize, stream.ReceiveWindow);
    }

    [Fact]
    public async Task WindowGrowth_StopsAtTheSessionBudget_AndTheBudgetReturnsWhenTheStreamIsGone()
    {
        var options = new YamuxOptions { MaxReceiveWindowSize = 4 * InitialWindowSize, MaxSessionWindowGrowth = InitialWindowSize };
        await using var peer = new YamuxRawPeer(options, SlowPing);
        await peer.Server.PingAsync().WaitAsync(YamuxPair.TestTimeout);

        var first = await peer.OpenAsync(1);
        await GrowOnceThenHitTheBudgetAsync(peer, first);

        // Both sides close stream 1: its growth goes back to the budget, exactly (a second stream grows once only).
        first.Dispose();
        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1, 0));
        await YamuxSessionTests.WaitUntilAsync(() => peer.Server.StreamCount == 0);

        var second = await peer.OpenAsync(3);
        await GrowOnceThenHitTheBudgetAsync(peer, second);
    }

    /// <summary>The budget holds exactly one doubling: the first half-window read grows the window, the second does not.</summary>
    private static async Task GrowOnceThenHitTheBudgetAsync(YamuxRawPeer peer, YamuxStream stream)
    {
        await peer.SendDataAsync(stream, InitialWindowSize);
        await YamuxRawPeer.ReadOnceAsync(stream, Half);
        Assert.Equal((uint)(2 * InitialWindowSize - Half), await peer.NextCreditAsync(stream.StreamId));
        Assert.Equal(2 * InitialWindowSize, stream.ReceiveWindow);

        await peer.SendDataAsync(stream, 2 * InitialWindowSize - Half);
        await YamuxRawPeer.ReadOnceAsync(stream, InitialWindowSize);
        Assert.Equal((uint)InitialWindowSize, await peer.NextCreditAsync(stream.StreamId));
        Assert.Equal(2 * InitialWindowSize, stream.ReceiveWindow);
    }
}
