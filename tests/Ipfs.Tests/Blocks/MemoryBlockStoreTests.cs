using System.Runtime.InteropServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

public sealed class MemoryBlockStoreTests
{
    [Fact]
    public async Task Rent_StoredBlock_LendsTheStoredBytesAndDisposingKeepsThem()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create(MulticodecCode.Raw, Enumerable.Range(0, 300_000).Select(index => (byte)index).ToArray());
        await store.PutAsync(block);

        var first = (await store.RentAsync(block.Cid))!;
        var second = (await store.RentAsync(block.Cid))!;
        Assert.True(MemoryMarshal.TryGetArray<byte>(first.Memory, out var firstArray));
        Assert.True(MemoryMarshal.TryGetArray<byte>(second.Memory, out var secondArray));
        Assert.Same(firstArray.Array, secondArray.Array);
        first.Dispose();
        second.Dispose();

        using var third = (await store.RentAsync(block.Cid))!;
        Assert.True(block.Data.Span.SequenceEqual(third.Memory.Span));
    }

    [Fact]
    public async Task Put_CopiesTheCallersBytes_SoLaterChangesToThemDoNotReachTheStore()
    {
        var store = new MemoryBlockStore();
        var bytes = new byte[] { 1, 2, 3, 4 };
        var block = Block.Create(MulticodecCode.Raw, bytes);
        await store.PutAsync(block);
        bytes[0] = 9;

        using var stored = (await store.RentAsync(block.Cid))!;
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, stored.Memory.ToArray());
        Assert.Null(await store.RentAsync(Block.Create(MulticodecCode.Raw, new byte[] { 5 }).Cid));
    }
}
