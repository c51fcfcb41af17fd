using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Inventory;

/// <summary>The inventory against real programs standing in for nvidia-smi (shell scripts printing captured output).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GpuInventoryTests : IDisposable
{
    private static readonly DeclaredGpu VirtualGpu = new() { Model = "virtual-cpu", MemoryMebibytes = 1024, Count = 2 };
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Auto_WithNvidiaSmi_ReportsDetectedGpus()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "nvidia-smi", "h200-x4.csv");
        var program = Script("nvidia-smi", $"[ \"$1\" = '--query-gpu=index,name,uuid,memory.total,driver_version' ] && [ \"$2\" = '--format=csv' ] || exit 9\ncat '{fixture}'");

        var snapshot = await Inventory(new InventoryOptions { NvidiaSmiPath = program, Declared = [VirtualGpu] }).ReadAsync(CancellationToken.None);

        Assert.Equal(InventorySource.Detected, snapshot.Source);
        Assert.Equal(4, snapshot.Gpus.Count);
    }

    [Fact]
    public async Task Auto_WithoutNvidiaSmi_ReportsTheDeclaredGpusAsDeclared()
    {
        var snapshot = await Inventory(new InventoryOptions { NvidiaSmiPath = _directory.Combine("absent"), Declared = [VirtualGpu] }).ReadAsync(CancellationToken.None);

        Assert.Equal(InventorySource.Declared, snapshot.Source);
        Assert.Equal([new GpuDevice(0, "virtual-cpu", 1024, null, null), new GpuDevice(1, "virtual-cpu", 1024, null, null)], snapshot.Gpus);
    }

    [Fact]
    public async Task NvidiaSmiThatHangs_IsKilledAfterTheTimeout_AndNothingIsOffered()
    {
        var program = Script("nvidia-smi", "exec sleep 600");

        var snapshot = await Inventory(new InventoryOptions { NvidiaSmiPath = program, QueryTimeout = TimeSpan.FromMilliseconds(300) })
            .ReadAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(InventorySource.Detected, snapshot.Source);
        Assert.Empty(snapshot.Gpus);
    }

    [Fact]
    public async Task NvidiaSmiThatFails_OffersNothing()
    {
        var program = Script("nvidia-smi", "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.' >&2; exit 9");

        var snapshot = await Inventory(new InventoryOptions { NvidiaSmiPath = program }).ReadAsync(CancellationToken.None);

        Assert.Empty(snapshot.Gpus);
    }

    [Fact]
    public async Task DeclaredMode_NeverRunsNvidiaSmi()
    {
        var marker = _directory.Combine("ran");
        var program = Script("nvidia-smi", $"touch '{marker}'");

        var snapshot = await Inventory(new InventoryOptions { Mode = InventoryMode.Declared, NvidiaSmiPath = program, Declared = [VirtualGpu] }).ReadAsync(CancellationToken.None);

        Assert.Equal(InventorySource.Declared, snapshot.Source);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("Inventory:Declared", InventoryMode.Declared, "")]
    [InlineData("Inventory:Declared:0:Model", InventoryMode.Auto, "a,b")]
    public void Validator_NamesTheBadKey(string key, InventoryMode mode, string model)
    {
        var options = new InventoryOptions { Mode = mode, Declared = model.Length == 0 ? [] : [new DeclaredGpu { Model = model, MemoryMebibytes = 1 }] };

        var result = new InventoryOptionsValidator().Validate(null, options);

        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static GpuInventory Inventory(InventoryOptions options) => new(Options.Create(options), NullLogger<GpuInventory>.Instance);

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string Script(string name, string body)
    {
        var path = _directory.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
