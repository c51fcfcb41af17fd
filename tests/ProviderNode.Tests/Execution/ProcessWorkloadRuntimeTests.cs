using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class ProcessWorkloadRuntimeTests : WorkloadRuntimeContractTests
{
    protected override string? SkipReason => null;

    protected override string VisibleOutputDirectory => Directory.Combine("output");

    protected override Task<IWorkloadRuntime> RuntimeAsync() => Task.FromResult<IWorkloadRuntime>(CreateRuntime(enabled: true));

    protected override Task<JobSpec> ShellLoopAsync(IReadOnlyDictionary<string, string> environment, int? restartExitCode = null, int graceSeconds = 10) =>
        Task.FromResult(ShellLoopSpecs.Process(environment, restartExitCode, graceSeconds));

    protected override Task<JobSpec> IgnoresTerminationAsync(int graceSeconds) => Task.FromResult(new JobSpec
    {
        Runtime = WorkloadRuntimeKind.Process,
        Command = ["/bin/sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"],
        GracePeriod = TimeSpan.FromSeconds(graceSeconds),
    });

    protected override async Task KillFromOutsideAsync(IWorkload workload)
    {
        // kill -9 of the whole process group (the leader's pid is the group's id), as an operator or the OOM killer would.
        using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", "--", "-" + workload.RuntimeId]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    [Fact]
    public async Task Supervisor_WorkloadDyingOfItsOwnFault_IsReportedAsFailedWithoutARestart()
    {
        var spec = new JobSpec { Runtime = WorkloadRuntimeKind.Process, Command = ["/bin/sh", "-c", "echo crashing; kill -SEGV $$"] };
        var runs = new List<IWorkload>();

        var result = await (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(139, false), 0, null), result);
        Assert.Single(runs);
    }

    [Fact]
    public async Task Start_WhenNotEnabled_IsRefused()
    {
        var runtime = CreateRuntime(enabled: false);

        var result = await runtime.StartAsync(ShellLoopSpecs.Launch(ShellLoopSpecs.Process(ShellLoopSpecs.Loop(1, 1)), Directory, Lease), CancellationToken.None);

        Assert.False(result.Started);
        Assert.Contains("EnableProcessRuntime", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_KillsTheWholeProcessGroup_ChildrenIncluded()
    {
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Process,
            Command = ["/bin/sh", "-c", "trap '' TERM; sleep 600 & echo child $!; wait"],
            GracePeriod = TimeSpan.FromSeconds(1),
        };
        var workload = await StartAsync(spec);
        var line = await WaitForLineAsync(workload, "child ");
        var child = int.Parse(line.Text["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await workload.StopAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(await HasEndedAsync(child), $"the workload's child {child} outlived it");
    }

    [Fact]
    public async Task Start_GivesTheContractVariablesButNotTheNodesEnvironment()
    {
        Environment.SetEnvironmentVariable("DEPIN_NODE_TEST_SECRET", "must-not-leak");
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Process,
            Command = ["/bin/sh", "-c", "env"],
            Environment = new Dictionary<string, string> { ["TENANT_VALUE"] = "x y" },
        };
        var workload = await StartAsync(spec);
        await workload.Completion.WaitAsync(Patience);

        var variables = workload.Logs.Read().Select(line => line.Text).ToHashSet();
        Assert.Contains("TENANT_VALUE=x y", variables);
        Assert.Contains("DEPIN_LEASE_ID=7", variables);
        Assert.Contains("DEPIN_EPOCH=2", variables);
        Assert.Contains("DEPIN_RESTART_COUNT=0", variables);
        Assert.Contains($"DEPIN_CHECKPOINT_DIR={Directory.Combine("checkpoints")}", variables);
        Assert.DoesNotContain(variables, variable => variable.StartsWith("DEPIN_RESUME_DIR=", StringComparison.Ordinal));
        Assert.DoesNotContain(variables, variable => variable.Contains("must-not-leak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reattach_AfterANodeCrash_KillsTheGroupItLeftBehind()
    {
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Process,
            Command = ["/bin/sh", "-c", "echo ready; while true; do sleep 1; done"],
        };
        var workload = await StartAsync(spec);
        await WaitForLineAsync(workload, "ready");
        var leader = int.Parse(workload.RuntimeId, System.Globalization.CultureInfo.InvariantCulture);

        // A new node over the same state folder (the old one "crashed": its supervision is simply not used any more).
        var restarted = CreateRuntime(enabled: true);
        var reattached = await restarted.ReattachAsync(CancellationToken.None);
        var exit = await workload.Completion.WaitAsync(Patience);

        Assert.Empty(reattached);
        Assert.Equal(137, exit.ExitCode);
        Assert.True(await HasEndedAsync(leader));
    }

    // A killed process is gone, or a zombie until whoever adopted it reaps it; a SIGKILL lands within moments.
    private static async Task<bool> HasEndedAsync(int processId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!deadline.IsCancellationRequested)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{processId}/stat");
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }

            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private ProcessWorkloadRuntime CreateRuntime(bool enabled) => new(
        Options.Create(new ExecutionOptions { EnableProcessRuntime = enabled, ProcessStateDirectory = Directory.Combine("state") }),
        NullLogger<ProcessWorkloadRuntime>.Instance,
        new ExecutionMetrics());
}
