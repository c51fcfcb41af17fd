using CsCheck;
using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class WorkloadLogStoreTests
{
    [Fact]
    public void Append_SplitsLinesAcrossChunksAndStreams()
    {
        var store = new WorkloadLogStore(4096, 100);

        store.Append(false, "hel");
        store.Append(true, "oops\n");
        store.Append(false, "lo\r\nworld\npart");
        store.Complete();

        Assert.Equal(
            [(true, "oops"), (false, "hello"), (false, "world"), (false, "part")],
            store.Read().Select(line => (line.IsError, line.Text)));
        Assert.Equal([1L, 2, 3, 4], store.Read().Select(line => line.Sequence));
    }

    [Fact]
    public void Append_LongLine_IsCutToTheLineLimit()
    {
        var store = new WorkloadLogStore(4096, 10);

        store.Append(false, new string('x', 25) + "\nnext\n");

        Assert.Equal([new string('x', 10), "next"], store.Read().Select(line => line.Text));
    }

    [Fact]
    public void Append_Flood_StaysWithinCapacity_DroppingTheOldestLines()
    {
        Gen.Int[1, 200].Array[1, 300].Sample(lengths =>
        {
            var store = new WorkloadLogStore(2000, 150);
            foreach (var length in lengths)
            {
                store.Append(false, new string('a', length) + "\n");
            }

            var kept = store.Read();
            return store.Bytes <= 2000
                && kept.Count + store.DroppedLines == lengths.Length
                && (kept.Count == 0 || kept[^1].Sequence == lengths.Length);
        });
    }

    [Fact]
    public async Task ReadAsync_WaitsForTheNextLine_AndReturnsEmptyOnceComplete()
    {
        var store = new WorkloadLogStore(4096, 100);
        var waiting = store.ReadAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        store.Append(false, "first\n");
        var lines = await waiting;
        var next = store.ReadAsync(lines[^1].Sequence, CancellationToken.None);
        store.Complete();

        Assert.Equal("first", Assert.Single(lines).Text);
        Assert.Empty(await next);
    }
}
