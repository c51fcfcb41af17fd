using CsCheck;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public class BitswapMessageBuilderTests
{
    [Fact]
    public void Size_AlwaysEqualsTheEncodedLength()
    {
        BitswapMessageEncoderTests.RandomMessages.Sample(message =>
        {
            using var builder = new BitswapMessageBuilder { FullWantlist = message.Wantlist?.Full ?? false };
            foreach (var entry in message.Wantlist?.Entries ?? [])
            {
                Assert.True(builder.TryAddEntry(entry));
                Assert.Equal(BitswapMessageEncoder.GetEncodedLength(builder.ToMessage()), builder.Size);
            }

            foreach (var presence in message.BlockPresences)
            {
                Assert.True(builder.TryAddPresence(presence.Cid, presence.Type));
                Assert.Equal(BitswapMessageEncoder.GetEncodedLength(builder.ToMessage()), builder.Size);
            }

            using var built = builder.Build();
            Assert.Equal(builder.Size, built.BodyLength);
        }, iter: 300);
    }

    [Fact]
    public void TryAddBlock_StopsAtTheSizeLimit()
    {
        var data = new byte[256 * 1024];
        using var builder = new BitswapMessageBuilder();
        var added = 0;
        while (builder.TryAddBlock(Cid.ForBlock(MulticodecCode.Raw, BitConverter.GetBytes(added)), data))
        {
            added++;
        }

        Assert.Equal(15, added);
        Assert.True(builder.Size <= BitswapMessageLimits.DefaultMaxMessageSize);
        using var built = builder.Build();
        Assert.Equal(15, built.BlockCount);
        Assert.Equal(15L * data.Length, built.BlockBytes);
        var decoded = BitswapMessageDecoder.Decode(built.ToArray()[Varint.SizeOf((ulong)built.BodyLength)..]);
        Assert.Equal(15, decoded.Blocks.Count);
    }

    [Fact]
    public void Build_BlockOwnersPassToTheMessage_WhichReleasesThem_AndDisposeReleasesUnbuiltOnes()
    {
        var built = new Owner();
        var abandoned = new Owner();
        using (var builder = new BitswapMessageBuilder())
        {
            builder.TryAddBlock(Vectors.Hello, new byte[3], built);
            var message = builder.Build();
            builder.Dispose();
            Assert.False(built.Disposed);
            message.Dispose();
        }

        using (var builder = new BitswapMessageBuilder())
        {
            builder.TryAddBlock(Vectors.Hello, new byte[3], abandoned);
        }

        Assert.True(built.Disposed);
        Assert.True(abandoned.Disposed);
    }

    [Fact]
    public void TryAddBlock_Refused_LeavesTheOwnerWithTheCaller()
    {
        var owner = new Owner();
        using var builder = new BitswapMessageBuilder(maxSize: 64);

        Assert.False(builder.TryAddBlock(Vectors.Hello, new byte[100], owner));
        builder.Dispose();

        Assert.False(owner.Disposed);
    }

    private sealed class Owner : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
