namespace DePinGpu.Libp2p.Tests.Support;

/// <summary>
/// The in-memory connection must close like a socket, or a test whose peer closes while it writes hangs the run
/// (a CI run once stopped for ten minutes in a Yamux limit test that way).
/// </summary>
public sealed class InMemoryDuplexTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ClosingOneEnd_FailsAWriteThePeerHasBlockedOnBackPressure()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 64);
        var writing = right.WriteAsync(new byte[200]).AsTask();
        await Task.Delay(50);
        Assert.False(writing.IsCompleted); // nobody reads, so the write waits for room

        left.Dispose();

        var failure = await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
        Assert.Equal("The in-memory connection is closed.", failure.Message);
        right.Dispose();
    }

    [Fact]
    public async Task ClosingOneEnd_FailsItsOwnWriteBlockedOnBackPressure()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 64);
        var writing = left.WriteAsync(new byte[200]).AsTask();
        await Task.Delay(50);
        Assert.False(writing.IsCompleted);

        left.Dispose();

        await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
        right.Dispose();
    }

    [Fact]
    public async Task ClosingOneEnd_EndsReadsOnBothEnds_AndFailsLaterWritesOnBoth()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var reading = right.ReadAsync(new byte[8]).AsTask();

        left.Dispose();

        Assert.Equal(0, await reading.WaitAsync(TestTimeout));
        Assert.Equal(0, await left.ReadAsync(new byte[8]).AsTask().WaitAsync(TestTimeout));
        await Assert.ThrowsAsync<IOException>(() => right.WriteAsync(new byte[1]).AsTask());
        await Assert.ThrowsAsync<IOException>(() => left.WriteAsync(new byte[1]).AsTask());
        right.Dispose();
    }

    [Fact]
    public async Task BytesWrittenOnOneEnd_AreReadOnTheOther_InOrder()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        await using var _ = left;
        await using var __ = right;

        await left.WriteAsync(new byte[] { 1, 2, 3 });
        await right.WriteAsync(new byte[] { 9 });

        var received = new byte[3];
        await right.ReadExactlyAsync(received).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(new byte[] { 1, 2, 3 }, received);
        Assert.Equal(9, (await ReadOneAsync(left))[0]);
    }

    private static async Task<byte[]> ReadOneAsync(Stream stream)
    {
        var buffer = new byte[1];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeout);
        return buffer;
    }
}
