using DePinGpu.ProviderNode.Inventory;

namespace DePinGpu.ProviderNode.Tests.Inventory;

public sealed class GpuCapacityTests
{
    [Fact]
    public void OneModel_IsItsCountAndTheSmallestVram()
    {
        var (capacity, problem) = GpuCapacity.Of(new GpuInventorySnapshot([Gpu(0, "NVIDIA H200", 143_771), Gpu(1, "NVIDIA H200", 140_000)], InventorySource.Detected));

        Assert.Null(problem);
        Assert.Equal(new GpuCapacity("NVIDIA H200", 2, 146), capacity);
    }

    [Fact]
    public void NoGpuOrSeveralModels_SaysWhatToDo()
    {
        Assert.Contains("Inventory:Declared", GpuCapacity.Of(new GpuInventorySnapshot([], InventorySource.Detected)).Problem, StringComparison.Ordinal);
        Assert.Contains("several GPU models", GpuCapacity.Of(new GpuInventorySnapshot([Gpu(0, "A", 1024), Gpu(1, "B", 1024)], InventorySource.Declared)).Problem, StringComparison.Ordinal);
    }

    private static GpuDevice Gpu(int index, string model, long mebibytes) => new(index, model, mebibytes, null, null);
}
