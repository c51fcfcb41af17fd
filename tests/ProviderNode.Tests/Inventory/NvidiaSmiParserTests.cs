using CsCheck;
using DePinGpu.ProviderNode.Inventory;

namespace DePinGpu.ProviderNode.Tests.Inventory;

public sealed class NvidiaSmiParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nvidia-smi", name));

    [Theory]
    [InlineData("h200-x4.csv", 4, "NVIDIA H200", 143771)]
    [InlineData("a100-sxm4-80gb-x8.csv", 8, "NVIDIA A100-SXM4-80GB", 81920)]
    [InlineData("gtx-1660-super.csv", 1, "NVIDIA GeForce GTX 1660 SUPER", 6144)]
    [InlineData("rtx-a6000-x2-in-use.csv", 2, "NVIDIA RTX A6000", 49140)]
    [InlineData("rtx-4060-laptop-windows.csv", 1, "NVIDIA GeForce RTX 4060 Laptop GPU", 8188)]
    [InlineData("graphics-device-x2.csv", 2, "NVIDIA Graphics Device", 294912)]
    public void Parse_RealOutput_ReadsEveryGpu(string fixture, int count, string model, long mebibytes)
    {
        var result = NvidiaSmiParser.Parse(Fixture(fixture));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(count, result.Gpus.Count);
        Assert.All(result.Gpus, gpu => Assert.Equal((model, mebibytes), (gpu.Model, gpu.MemoryMebibytes)));
        Assert.Equal(Enumerable.Range(0, count), result.Gpus.Select(gpu => gpu.Index));
    }

    [Fact]
    public void Parse_MixedModels_KeepsUuidDriverAndModelPerGpu()
    {
        var result = NvidiaSmiParser.Parse(Fixture("rtx-a5000-and-4500-ada.csv"));

        Assert.Equal(
            [
                new GpuDevice(0, "NVIDIA RTX A5000", 24564, "GPU-30667114-4567-bc4a-029b-3375d117048e", "610.57.04"),
                new GpuDevice(1, "NVIDIA RTX 4500 Ada Generation", 24570, "GPU-fbe2dd5d-3644-5c37-3179-8ad50079b7d4", "610.57.04"),
            ],
            result.Gpus);
    }

    [Fact]
    public void Parse_DriverVersionColumn_IsRead_AndAbsentColumnsAreNull()
    {
        var a100 = NvidiaSmiParser.Parse(Fixture("a100-sxm4-80gb-x8.csv")).Gpus[0];
        var h200 = NvidiaSmiParser.Parse(Fixture("h200-x4.csv")).Gpus[0];

        Assert.Equal("570.133.20", a100.DriverVersion);
        Assert.Null(a100.Uuid);
        Assert.Null(h200.DriverVersion);
        Assert.Equal(150, h200.MemoryGigabytes);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0, NVIDIA H200, 143771\n", "lacks name")]
    [InlineData("name, memory.total [MiB]\nNVIDIA H200\n", "1 values for 2 columns")]
    [InlineData("name, memory.total [MiB]\nNVIDIA H200, [N/A]\n", "no memory size")]
    [InlineData("name, memory.total [MiB]\nNVIDIA H200, 143771\n", "no memory size")]
    public void Parse_OutputItCannotRead_SaysWhy(string output, string reason)
    {
        var result = NvidiaSmiParser.Parse(output);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Gpus);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrows()
    {
        Gen.String[Gen.Char[" ,\n\r[]/0123456789MiBnamemory.tl"], 0, 300].Sample(text =>
        {
            var result = NvidiaSmiParser.Parse("name, memory.total [MiB]\n" + text);
            return result.Succeeded || result.Gpus.Count == 0;
        });
    }
}
