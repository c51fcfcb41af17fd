using DePinGpu.Ipfs.Blocks;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>The store's byte and block counters: reservation against the capacity, release, and removal.</summary>
public sealed class BlockStoreAccountingTests
{
    [Fact]
    public void Reserve_UpToExactlyTheCapacity_Succeeds_AndOneByteMoreIsRefusedWithTheFigures()
    {
        var accounting = new BlockStoreAccounting(3000);
        accounting.Reserve(1000);
        accounting.Added();
        accounting.Reserve(2000);
        accounting.Added();

        var full = Assert.Throws<BlockStoreFullException>(() => accounting.Reserve(1));

        Assert.Equal(3000, full.CapacityBytes);
        Assert.Equal(3000, full.UsedBytes);
        Assert.Contains("a 1-byte block", full.Message, StringComparison.Ordinal);
        // The refused reservation is undone: the counters are exactly what was stored.
        Assert.Equal(new BlockStoreUsage(2, 3000), accounting.Usage);
    }

    [Fact]
    public void Reserve_WithoutACapacity_NeverRefuses()
    {
        var accounting = new BlockStoreAccounting(null);

        accounting.Reserve(int.MaxValue);
        accounting.Reserve(int.MaxValue);

        Assert.Equal(new BlockStoreUsage(0, 2L * int.MaxValue), accounting.Usage);
    }

    [Fact]
    public void Release_UndoesAReservation_WithoutCountingABlock()
    {
        var accounting = new BlockStoreAccounting(1000);
        accounting.Reserve(700);

        accounting.Release(700);

        Assert.Equal(new BlockStoreUsage(0, 0), accounting.Usage);
        accounting.Reserve(1000); // the released bytes are free again
    }

    [Fact]
    public void Removed_SubtractsOneBlockAndItsBytes()
    {
        var accounting = new BlockStoreAccounting(null);
        accounting.Reset(5, 9000);

        accounting.Removed(1234);

        Assert.Equal(new BlockStoreUsage(4, 7766), accounting.Usage);
    }

    [Fact]
    public void Reset_SetsBothCounters_AndAddedCountsOneBlock()
    {
        var accounting = new BlockStoreAccounting(null);
        accounting.Reserve(10);
        accounting.Added();

        accounting.Reset(3, 4500);
        accounting.Added();

        Assert.Equal(new BlockStoreUsage(4, 4500), accounting.Usage);
    }
}
