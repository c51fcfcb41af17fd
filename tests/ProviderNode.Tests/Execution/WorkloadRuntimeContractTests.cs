using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Execution;

/// <summary>The workload contract every runtime keeps (environment, folders, signals, exit codes), run against each.</summary>
public abstract class WorkloadRuntimeContractTests : IDisposable
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected TemporaryDirectory Directory { get; } = new();

    protected static LeaseEpoch Lease { get; } = new(7, 2);

    /// <summary>Why the runtime cannot be tested here (null: it can).</summary>
    protected abstract string? SkipReason { get; }

    /// <summary>Where the workload sees its output folder.</summary>
    protected abstract string VisibleOutputDirectory { get; }

    protected abstract Task<IWorkloadRuntime> RuntimeAsync();

    protected abstract Task<JobSpec> ShellLoopAsync(IReadOnlyDictionary<string, string> environment, int? restartExitCode = null, int graceSeconds = 10);

    /// <summary>A workload that ignores SIGTERM and prints "ready".</summary>
    protected abstract Task<JobSpec> IgnoresTerminationAsync(int graceSeconds);

    /// <summary>Kills the run behind the node's back, as an operator or a cleanup script would (kill -9, docker kill).</summary>
    protected abstract Task KillFromOutsideAsync(IWorkload workload);

    [SkippableFact]
    public async Task Run_ToCompletion_SeesTheContractAndLeavesCheckpointsAndOutput()
    {
        var workload = await StartAsync(await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 6, every: 3)));

        var exit = await workload.Completion.WaitAsync(Patience);

        Assert.Equal(new WorkloadExit(0, false), exit);
        Assert.True(exit.Completed);
        Assert.Contains(workload.Logs.Read(), line => line.Text == $"start lease=7 epoch=2 restart=0 output={VisibleOutputDirectory}");
        Assert.True(File.Exists(Directory.Combine("checkpoints", "step-3", ".complete")));
        Assert.Equal("6", File.ReadAllText(Directory.Combine("checkpoints", "step-6", "state")).Trim());
        Assert.Equal("6", File.ReadAllText(Directory.Combine("output", "result")).Trim());
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Run_NonZeroExit_IsReportedAsNotCompleted()
    {
        var environment = ShellLoopSpecs.Loop(steps: 1, every: 1);
        environment["LOOP_EXIT_CODE"] = "3";
        var workload = await StartAsync(await ShellLoopAsync(environment));

        var exit = await workload.Completion.WaitAsync(Patience);

        Assert.Equal(new WorkloadExit(3, false), exit);
        Assert.False(exit.Completed);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Stop_SendsSigterm_AndTheWorkloadCheckpointsBeforeItExits()
    {
        var workload = await StartAsync(await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 100_000, stepSeconds: 0.1)));
        await WaitForLineAsync(workload, "step 3");

        var exit = await workload.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(new WorkloadExit(143, true), exit);
        var terminated = Assert.Single(workload.Logs.Read(), line => line.Text.StartsWith("terminated at step ", StringComparison.Ordinal));
        var step = terminated.Text["terminated at step ".Length..];
        Assert.True(File.Exists(Directory.Combine("checkpoints", $"step-{step}", ".complete")));
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Stop_WorkloadIgnoringSigterm_IsKilledAfterTheGracePeriod()
    {
        var workload = await StartAsync(await IgnoresTerminationAsync(graceSeconds: 1));
        await WaitForLineAsync(workload, "ready");

        var exit = await workload.StopAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(new WorkloadExit(137, true), exit);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Kill_EndsTheWorkloadAtOnce()
    {
        var workload = await StartAsync(await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 100_000, stepSeconds: 0.1)));
        await WaitForLineAsync(workload, "step 1");

        var exit = await workload.KillAsync(CancellationToken.None);

        Assert.Equal(new WorkloadExit(137, true), exit);
        Assert.DoesNotContain(workload.Logs.Read(), line => line.Text.StartsWith("terminated", StringComparison.Ordinal));
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Signal_CheckpointNow_WritesACheckpointAndTheWorkloadCarriesOn()
    {
        var workload = await StartAsync(await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 100_000, stepSeconds: 0.1)));
        await WaitForLineAsync(workload, "step 2");

        await workload.SignalAsync(WorkloadSignal.User1, CancellationToken.None);
        var checkpoint = await WaitForLineAsync(workload, "checkpoint step ");
        var step = int.Parse(checkpoint.Text["checkpoint step ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await WaitForLineAsync(workload, $"step {step + 2}");

        Assert.True(File.Exists(Directory.Combine("checkpoints", $"step-{step}", ".complete")));
        Assert.False(workload.Completion.IsCompleted);
        await workload.KillAsync(CancellationToken.None);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Run_CheckpointTheWorkloadWrites_IsAnnouncedToTheWatcherByAFileSystemNotification()
    {
        // The watcher's rescan is ten minutes away, so only a notification can announce the checkpoint in time: for a
        // container, one raised by a write through its bind mount. The watcher starts first, so its first scan is empty.
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 5, stepSeconds: 0.1));
        using var store = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = Directory.Combine("pins.db") });
        var watcher = new CheckpointWatcher(Lease, Directory.Combine("checkpoints"), null, store, new UnixFsImporter(),
            new CheckpointWatcherOptions { RescanInterval = TimeSpan.FromMinutes(10) }, NullLogger.Instance, new CheckpointMetrics());
        using var stop = new CancellationTokenSource();
        var watching = watcher.RunAsync(stop.Token);
        var workload = await StartAsync(spec);
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            var imported = Assert.IsType<CheckpointImported>(await watcher.Events.ReadAsync(timeout.Token));

            Assert.True(imported.Step >= 5, $"step {imported.Step}");
            Assert.False(watcher.IsPolling);
            await stop.CancelAsync();
            await Task.WhenAny(watching); // cancelled mid-wait or between two scans: canceled or ended, never faulted
            Assert.False(watching.IsFaulted, watching.Exception?.ToString());
        }
        finally
        {
            // The workload runs for ever: a failed assertion must not leave it behind.
            await workload.KillAsync(CancellationToken.None);
            await workload.RemoveAsync(CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task Supervisor_RestartExitCode_RestartsInPlaceFromTheLastCheckpoint()
    {
        var environment = ShellLoopSpecs.Loop(steps: 10, every: 5);
        environment["LOOP_STOP_AT_STEP"] = "7";
        environment["LOOP_STOP_CODE"] = "75";
        var spec = await ShellLoopAsync(environment, restartExitCode: 75);
        var runtime = await RuntimeAsync();
        var supervisor = new WorkloadSupervisor([runtime], Options.Create(new ExecutionOptions()), NullLogger<WorkloadSupervisor>.Instance, new ExecutionMetrics());
        var runs = new List<IWorkload>();

        var result = await supervisor.RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease),
            () => Directory.Combine("checkpoints", "step-5"),
            workload => { runs.Add(workload); return Task.CompletedTask; },
            CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(0, false), 1, null), result);
        Assert.Equal([0, 1], runs.Select(run => run.RestartCount));
        var second = runs[1].Logs.Read().Select(line => line.Text).ToList();
        Assert.Contains($"start lease=7 epoch=2 restart=1 output={VisibleOutputDirectory}", second);
        Assert.Contains("resumed from step 5", second);
        Assert.Equal("step 6", second[second.IndexOf("resumed from step 5") + 1]);
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_WorkloadKilledBehindTheNodesBack_RestartsInPlaceFromTheLastCheckpoint()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 60, every: 5, stepSeconds: 0.1));
        var runs = new List<IWorkload>();
        var supervising = (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => Directory.Combine("checkpoints", "step-5"), RecordingRuns(runs), CancellationToken.None);
        await WaitForLineAsync(await FirstRunAsync(runs), "step 7");

        await KillFromOutsideAsync(runs[0]);
        var result = await supervising.WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(0, false), 1, null), result);
        Assert.Equal(new WorkloadExit(137, false, OutsideKill.Signal), await runs[0].Completion);
        var second = runs[1].Logs.Read().Select(line => line.Text).ToList();
        Assert.Contains($"start lease=7 epoch=2 restart=1 output={VisibleOutputDirectory}", second);
        Assert.Equal("step 6", second[second.IndexOf("resumed from step 5") + 1]);
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_WorkloadKilledBehindTheNodesBackEveryRun_FailsOnceTheRestartsAreUsedUp()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 5, stepSeconds: 0.1));
        var runs = new List<IWorkload>();
        var supervising = (await SupervisorAsync(new ExecutionOptions { MaxRestarts = 1 })).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None);
        await WaitForLineAsync(await FirstRunAsync(runs), "step 1");
        await KillFromOutsideAsync(runs[0]);
        await UntilAsync(() => runs.Count == 2, Patience);
        await WaitForLineAsync(runs[1], "step 1");

        await KillFromOutsideAsync(runs[1]);
        var result = await supervising.WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(137, false, OutsideKill.Signal), 1, null), result);
        Assert.False(result.Exit!.Completed);
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_NonZeroExitByItself_IsReportedAsFailedWithoutARestart()
    {
        var environment = ShellLoopSpecs.Loop(steps: 2, every: 1);
        environment["LOOP_EXIT_CODE"] = "3";
        var runs = new List<IWorkload>();

        var spec = await ShellLoopAsync(environment);

        var result = await (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(3, false), 0, null), result);
        Assert.Single(runs);
        await runs[0].RemoveAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Directory.Dispose();
        }
    }

    protected async Task<WorkloadSupervisor> SupervisorAsync(ExecutionOptions options) =>
        new([await RuntimeAsync()], Options.Create(options), NullLogger<WorkloadSupervisor>.Instance, new ExecutionMetrics());

    protected static Func<IWorkload, Task> RecordingRuns(List<IWorkload> runs) => workload =>
    {
        lock (runs)
        {
            runs.Add(workload);
        }

        return Task.CompletedTask;
    };

    /// <summary>Polls <paramref name="condition"/> (a run the supervisor started in the background) until it holds.</summary>
    protected static async Task UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    protected static async Task<IWorkload> FirstRunAsync(List<IWorkload> runs)
    {
        await UntilAsync(() => runs.Count > 0, Patience);
        return runs[0];
    }

    protected async Task<IWorkload> StartAsync(JobSpec spec, LeaseEpoch? lease = null, int? hostPort = null)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var runtime = await RuntimeAsync();
        var result = await runtime.StartAsync(ShellLoopSpecs.Launch(spec, Directory, lease ?? Lease, hostPort: hostPort), CancellationToken.None);
        Assert.True(result.Started, result.Refusal);
        return result.Workload!;
    }

    protected static async Task<WorkloadLogLine> WaitForLineAsync(IWorkload workload, string prefix)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var line = await workload.Logs.WaitForLineAsync(line => line.Text.StartsWith(prefix, StringComparison.Ordinal), timeout.Token);
        return line ?? throw new Xunit.Sdk.XunitException(
            $"The workload ended without printing \"{prefix}\". Output:\n{string.Join('\n', workload.Logs.Read().Select(l => l.Text))}");
    }
}
