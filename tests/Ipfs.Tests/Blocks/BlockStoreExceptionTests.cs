using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>The block store's exceptions carry their figures and tell the operator what to do, word for word.</summary>
public sealed class BlockStoreExceptionTests
{
    private static readonly Cid Cid = Block.Create(MulticodecCode.Raw, "corrupt"u8.ToArray()).Cid;

    [Fact]
    public void CorruptBlock_NamesTheCidAndTheRemedy()
    {
        var exception = new CorruptBlockException(Cid);

        Assert.Same(Cid, exception.Cid);
        Assert.Equal(
            $"Block {Cid} is corrupt: its bytes do not hash to its CID. Delete it and fetch it again from a peer or gateway.",
            exception.Message);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public void CorruptBlock_WithItsOwnExplanation_KeepsItAndTheCause()
    {
        var cause = new InvalidDataException("short read");

        var exception = new CorruptBlockException(Cid, "custom explanation", cause);

        Assert.Same(Cid, exception.Cid);
        Assert.Equal("custom explanation", exception.Message);
        Assert.Same(cause, exception.InnerException);
    }

    [Fact]
    public void StoreFull_GivesTheFiguresAndTheRemedy()
    {
        var exception = new BlockStoreFullException(capacityBytes: 5000, usedBytes: 4200, blockSize: 900);

        Assert.Equal(5000, exception.CapacityBytes);
        Assert.Equal(4200, exception.UsedBytes);
        Assert.Equal(
            "The block store is full: 4200 of 5000 bytes used, a 900-byte block does not fit. "
            + "Unpin old content and run garbage collection, or raise CapacityBytes.",
            exception.Message);
    }
}
