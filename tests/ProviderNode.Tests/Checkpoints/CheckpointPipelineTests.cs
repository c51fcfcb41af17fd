using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

/// <summary>A real workload (samples/shell-loop as a process) writing checkpoints while the watcher imports them.</summary>
public sealed class CheckpointPipelineTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task WorkloadWritingThreeCheckpoints_EachIsImportedInOrderAndExportsBackToItsStep()
    {
        var blocks = new MemoryBlockStore();
        using var store = new ContentStore(blocks, new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        var lease = new LeaseEpoch(11, 1);
        var watcher = new CheckpointWatcher(lease, _directory.Combine("checkpoints"), null, store, new UnixFsImporter(),
            new CheckpointWatcherOptions(), NullLogger.Instance, new CheckpointMetrics());
        var runtime = new ProcessWorkloadRuntime(
            Options.Create(new ExecutionOptions { EnableProcessRuntime = true, ProcessStateDirectory = _directory.Combine("state") }),
            NullLogger<ProcessWorkloadRuntime>.Instance, new ExecutionMetrics());
        using var stop = new CancellationTokenSource();
        var watching = watcher.RunAsync(stop.Token);

        var start = await runtime.StartAsync(ShellLoopSpecs.Launch(ShellLoopSpecs.Process(ShellLoopSpecs.Loop(steps: 15, every: 5)), _directory, lease), CancellationToken.None);
        var exit = await start.Workload!.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var imported = new List<CheckpointImported>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (imported.Count < 3)
        {
            imported.Add(Assert.IsType<CheckpointImported>(await watcher.Events.ReadAsync(timeout.Token)));
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.True(exit.Completed);
        Assert.Equal([5UL, 10UL, 15UL], imported.Select(checkpoint => checkpoint.Step));
        foreach (var checkpoint in imported)
        {
            var exported = _directory.Combine("exported", checkpoint.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await new UnixFsExporter(blocks).ExportAsync(checkpoint.Cid, exported);
            Assert.Equal(checkpoint.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(exported, "state")).Trim());
        }
    }

    public void Dispose() => _directory.Dispose();
}
