using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public class BitswapMessageReaderTests
{
    [Fact]
    public async Task ReadAsync_SeveralFramesThenEnd_ReadsEachThenNull()
    {
        var first = new BitswapMessage { Wantlist = new BitswapWantlist([WantlistEntry.WantBlock(Vectors.Hello)], Full: false) };
        var second = new BitswapMessage { Blocks = [new BitswapBlock(CidPrefix.Of(Vectors.Hello), TestData.Hello)] };
        var reader = new BitswapMessageReader(new MemoryStream(Frames(first, new BitswapMessage(), second)));

        using (var one = await reader.ReadAsync())
        {
            Assert.Equal(Vectors.Hello, Assert.Single(one!.Message.Wantlist!.Entries).Cid);
        }

        using (var empty = await reader.ReadAsync())
        {
            Assert.True(empty!.Message.IsEmpty);
        }

        using (var two = await reader.ReadAsync())
        {
            Assert.Equal(TestData.Hello, Assert.Single(two!.Message.Blocks).Data.ToArray());
        }

        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_OneByteAtATime_ReassemblesLargeFrames()
    {
        var data = TestData.Random(100_000, seed: 3);
        var message = new BitswapMessage { Blocks = [new BitswapBlock(CidPrefix.Of(Cid.ForBlock(MulticodecCode.Raw, data)), data)] };
        var reader = new BitswapMessageReader(new TrickleStream(Frames(message, message)));

        for (var count = 0; count < 2; count++)
        {
            using var received = await reader.ReadAsync();
            var block = Assert.Single(received!.Message.Blocks);
            Assert.Equal(Cid.ForBlock(MulticodecCode.Raw, data), block.Prefix.ToBlock(block.Data).Cid);
        }

        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_LengthOverTheLimit_IsRefusedBeforeReadingTheBody()
    {
        var limits = new BitswapMessageLimits { MaxMessageSize = 1024 };
        var reader = new BitswapMessageReader(new MemoryStream(Varint.Encode(1025)), limits);

        var exception = await Assert.ThrowsAsync<FormatException>(async () => await reader.ReadAsync());

        Assert.Contains("1025-byte", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DefaultLimit_AcceptsFourMebibytesAndRefusesMore()
    {
        var reader = new BitswapMessageReader(new MemoryStream(Varint.Encode(4 * 1024 * 1024 + 1)));

        await Assert.ThrowsAsync<FormatException>(async () => await reader.ReadAsync());
    }

    [Theory]
    [InlineData("0a0a00")]
    [InlineData("80")]
    [InlineData("0502")]
    public async Task ReadAsync_StreamEndsInsideAFrame_ThrowsFormatException(string hex)
    {
        var reader = new BitswapMessageReader(new MemoryStream(TestData.Hex(hex)));

        await Assert.ThrowsAsync<FormatException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_NonMinimalLengthPrefix_IsRefused()
    {
        var reader = new BitswapMessageReader(new MemoryStream(TestData.Hex("8000")));

        await Assert.ThrowsAsync<FormatException>(async () => await reader.ReadAsync());
    }

    private static byte[] Frames(params BitswapMessage[] messages)
    {
        var output = new MemoryStream();
        foreach (var message in messages)
        {
            using var encoded = EncodedMessage.Create(message);
            output.Write(encoded.ToArray());
        }

        return output.ToArray();
    }

    /// <summary>A read-only stream that returns one byte per read, to exercise frame reassembly.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
