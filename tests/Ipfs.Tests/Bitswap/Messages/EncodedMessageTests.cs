using System.Runtime.InteropServices;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public sealed class EncodedMessageTests
{
    [Fact]
    public void Create_LargeAndSmallBlocks_PiecesJoinToTheContiguousEncodingAndLargeBlocksAreNotCopied()
    {
        var large = Enumerable.Range(0, 262_144).Select(index => (byte)(index * 7)).ToArray();
        var second = Enumerable.Range(0, EncodedMessage.MinimumGatheredBlockLength).Select(index => (byte)index).ToArray();
        var small = new byte[EncodedMessage.MinimumGatheredBlockLength - 1];
        var message = new BitswapMessage
        {
            Wantlist = new BitswapWantlist([new WantlistEntry(Vectors.Hello, 1, false, WantType.Have, true)], Full: false),
            Blocks =
            [
                new BitswapBlock(CidPrefix.Of(Block.Create(MulticodecCode.Raw, large).Cid), large),
                new BitswapBlock(CidPrefix.Of(Block.Create(MulticodecCode.Raw, small).Cid), small),
                new BitswapBlock(CidPrefix.Of(Block.Create(MulticodecCode.Raw, second).Cid), second),
            ],
            BlockPresences = [new BlockPresence(Vectors.Hello, BlockPresenceType.DontHave)],
        };
        var contiguous = BitswapMessageEncoder.Encode(message);

        using var encoded = EncodedMessage.Create(message);

        Assert.Equal(Varint.SizeOf((ulong)contiguous.Length) + contiguous.Length, encoded.FrameLength);
        Assert.Equal(contiguous, encoded.ToArray()[Varint.SizeOf((ulong)contiguous.Length)..]);
        var arrays = encoded.Pieces.Select(piece => MemoryMarshal.TryGetArray(piece, out var segment) ? segment.Array : null).ToList();
        Assert.Contains(large, arrays);
        Assert.Contains(second, arrays);
        Assert.DoesNotContain(small, arrays);
        Assert.Equal(5, encoded.Pieces.Count);
    }

    [Fact]
    public void Dispose_ReleasesTheBlockOwnersOnceAndThePiecesAfterwardsThrow()
    {
        var owner = new CountingOwner();
        var encoded = EncodedMessage.Create(new BitswapMessage { Blocks = [new BitswapBlock(CidPrefix.Of(Vectors.Hello), TestData.Hello)] }, [owner]);

        encoded.Dispose();
        encoded.Dispose();

        Assert.Equal(1, owner.Disposals);
        Assert.Throws<ObjectDisposedException>(() => encoded.Pieces);
    }

    private sealed class CountingOwner : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }
}
