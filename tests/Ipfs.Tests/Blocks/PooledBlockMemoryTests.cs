using DePinGpu.Ipfs.Blocks;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>A rented block buffer: exactly the block's length, unusable after dispose, and disposable twice.</summary>
public sealed class PooledBlockMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(300_000)]
    public void Memory_IsExactlyTheRequestedLength(int length)
    {
        using var memory = new PooledBlockMemory(length);

        Assert.Equal(length, memory.Memory.Length);
    }

    [Fact]
    public void AfterDispose_MemoryIsRefused_AndASecondDisposeDoesNothing()
    {
        var memory = new PooledBlockMemory(100);

        memory.Dispose();
        memory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => memory.Memory);
    }
}
