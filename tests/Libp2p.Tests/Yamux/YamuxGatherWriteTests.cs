using System.Security.Cryptography;
using DePinGpu.Libp2p.Buffers;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Tests.Yamux;

public sealed class YamuxGatherWriteTests
{
    private static readonly TimeSpan Timeout = YamuxPair.TestTimeout;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GatherWrite_PiecesBeyondWindowAndFrameSize_ArriveInOrderBesideAnotherStream(bool overNoise)
    {
        var (client, server) = overNoise ? await YamuxPair.CreateOverNoiseAsync() : YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        int[] sizes = [12, 0, 300_000, 5, 262_144, 1, 2_000_000, 17, 65_519, 3];
        var pieces = sizes.Select(size => RandomNumberGenerator.GetBytes(size)).ToArray();
        var other = RandomNumberGenerator.GetBytes(1_500_000);

        var gathered = await client.OpenStreamAsync();
        var plain = await client.OpenStreamAsync();
        var writing = Task.Run(async () =>
        {
            await ((IGatherWriter)gathered).WriteAsync(pieces.Select(piece => (ReadOnlyMemory<byte>)piece).ToList());
            await gathered.CloseWriteAsync();
        });
        var writingOther = Task.Run(async () =>
        {
            await plain.WriteAsync(other);
            await plain.CloseWriteAsync();
        });
        var first = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        var second = (await server.AcceptStreamAsync().AsTask().WaitAsync(Timeout))!;
        var reads = await Task.WhenAll(YamuxPair.ReadToEndAsync(first), YamuxPair.ReadToEndAsync(second)).WaitAsync(Timeout);
        await Task.WhenAll(writing, writingOther).WaitAsync(Timeout);

        var byStream = first.StreamId == gathered.StreamId ? reads : [reads[1], reads[0]];
        Assert.True(pieces.SelectMany(piece => piece).ToArray().AsSpan().SequenceEqual(byStream[0]), "the gathered pieces arrived changed");
        Assert.True(other.AsSpan().SequenceEqual(byStream[1]), "the other stream's bytes arrived changed");
    }

    [Fact]
    public async Task GatherWrite_WhileAnotherWriteRuns_IsRefused()
    {
        var (client, server) = YamuxPair.Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync();

        // Far beyond the initial window: the first write waits for the reader, which never comes.
        var blocked = stream.WriteAsync(new byte[4 * YamuxOptions.InitialWindowSize]).AsTask();
        await Task.Delay(100);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.WriteAsync([new byte[10]]));
        Assert.False(blocked.IsCompleted);
    }
}
