using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Tests.Support;
using Docker.DotNet.Models;

namespace DePinGpu.ProviderNode.Tests.Execution;

[Collection(DockerCollection.Name)]
public sealed class DockerWorkloadRuntimeTests : WorkloadRuntimeContractTests, IAsyncLifetime
{
    private readonly DockerEngineFixture _engine;
    private readonly string _nodeName = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<DockerWorkloadRuntime> _runtimes = [];

    public DockerWorkloadRuntimeTests(DockerEngineFixture engine) => _engine = engine;

    protected override string? SkipReason => _engine.SkipReason;

    protected override string VisibleOutputDirectory => "/depin/output";

    protected override Task<IWorkloadRuntime> RuntimeAsync() => Task.FromResult<IWorkloadRuntime>(NewRuntime(_nodeName));

    protected override async Task<JobSpec> ShellLoopAsync(IReadOnlyDictionary<string, string> environment, int? restartExitCode = null, int graceSeconds = 10)
    {
        Skip.If(SkipReason is not null, SkipReason);
        return ShellLoopSpecs.Docker(await _engine.ImageAsync("shell-loop"), environment, restartExitCode, graceSeconds);
    }

    protected override async Task<JobSpec> IgnoresTerminationAsync(int graceSeconds)
    {
        Skip.If(SkipReason is not null, SkipReason);
        return new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Docker,
            Image = await _engine.ImageAsync("base"),
            Command = ["/bin/sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"],
            GracePeriod = TimeSpan.FromSeconds(graceSeconds),
        };
    }

    protected override async Task KillFromOutsideAsync(IWorkload workload)
    {
        using var client = _engine.CreateClient();
        await client.Containers.KillContainerAsync(workload.RuntimeId, new ContainerKillParameters { Signal = "SIGKILL" });
    }

    [SkippableFact]
    public async Task Supervisor_ContainerExiting137ByItself_IsReportedAsFailedWithoutARestart()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var spec = new JobSpec { Runtime = WorkloadRuntimeKind.Docker, Image = await _engine.ImageAsync("base"), Command = ["/bin/sh", "-c", "exit 137"] };
        var runs = new List<IWorkload>();

        var result = await (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(137, false), 0, null), result);
        await runs.Single().RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_ContainerRemovedBehindTheNodesBack_RestartsInPlace()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 60, every: 5, stepSeconds: 0.1));
        var runs = new List<IWorkload>();
        var supervising = (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => Directory.Combine("checkpoints", "step-5"), RecordingRuns(runs), CancellationToken.None);
        await WaitForLineAsync(await FirstRunAsync(runs), "step 6");
        using var client = _engine.CreateClient();

        await client.Containers.RemoveContainerAsync(runs[0].RuntimeId, new ContainerRemoveParameters { Force = true });
        var result = await supervising.WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(0, false), 1, null), result);
        // Removed when the node looked after the removal; its kill (SIGKILL) when it looked while the removal was under way.
        Assert.Contains((await runs[0].Completion).KilledFromOutside, new[] { OutsideKill.Removed, OutsideKill.Signal });
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_ReattachedContainerKilledBehindTheNodesBack_RestartsInPlaceFromTheLastCheckpoint()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 60, every: 5, stepSeconds: 0.1));
        var launch = ShellLoopSpecs.Launch(spec, Directory, Lease);
        var first = (await NewRuntime(_nodeName).StartAsync(launch, CancellationToken.None)).Workload!;
        await WaitForLineAsync(first, "step 6");
        await first.DisposeAsync(); // the node restarts: the container runs on and the new node re-attaches to it
        var adopted = Assert.Single(await NewRuntime(_nodeName).ReattachAsync(CancellationToken.None));
        var runs = new List<IWorkload>();
        var supervising = (await SupervisorAsync(new ExecutionOptions())).AdoptAsync(
            launch, adopted, _ => Task.FromResult<string?>(Directory.Combine("checkpoints", "step-5")), RecordingRuns(runs), CancellationToken.None);
        await FirstRunAsync(runs);

        await KillFromOutsideAsync(adopted);
        var result = await supervising.WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(0, false), 1, null), result);
        Assert.Equal([0, 1], runs.Select(run => run.RestartCount));
        Assert.Contains("resumed from step 5", runs[1].Logs.Read().Select(line => line.Text));
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_ContainerOutOfMemory_IsNamedAsSuchAndRestartedUpToTheLimit()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Docker,
            Image = await _engine.ImageAsync("base"),
            Command = ["/bin/sh", "-c", "head -c 512m /dev/zero | tail"], // tail holds the one 512 MiB "line" in memory
            Resources = new ResourceRequest(0, 0.5, 32),
        };
        var runs = new List<IWorkload>();

        var result = await (await SupervisorAsync(new ExecutionOptions { MaxRestarts = 1 })).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(137, false, OutsideKill.OutOfMemory), 1, null), result);
        Assert.Equal(2, runs.Count);
        await runs[1].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Supervisor_ContainerWhoseChildRanOutOfMemoryButThatExited0_Completed()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Docker,
            Image = await _engine.ImageAsync("base"),
            // tail makes itself the OOM killer's first choice (raising one's own score needs no privilege): by size alone
            // the kernel killed the container's shell once in CI, which ended the container with 137 instead of 0.
            Command = ["/bin/sh", "-c", "head -c 512m /dev/zero | (echo 1000 > /proc/self/oom_score_adj && exec tail); echo survived"],
            Resources = new ResourceRequest(0, 0.5, 32),
        };
        var runs = new List<IWorkload>();

        var result = await (await SupervisorAsync(new ExecutionOptions())).RunAsync(
            ShellLoopSpecs.Launch(spec, Directory, Lease), () => null, RecordingRuns(runs), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new WorkloadRunResult(new WorkloadExit(0, false), 0, null), result);
        Assert.Contains(runs.Single().Logs.Read(), line => line.Text == "survived");
        await runs[0].RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Start_ImageNotOnTheMachine_IsRefusedAndNothingIsCreated()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var spec = ShellLoopSpecs.Docker("depingpu/does-not-exist:0", ShellLoopSpecs.Loop(1, 1));

        var result = await NewRuntime(_nodeName).StartAsync(ShellLoopSpecs.Launch(spec, Directory, Lease), CancellationToken.None);

        Assert.False(result.Started);
        Assert.Contains("depingpu/does-not-exist:0 is not on this machine", result.Refusal, StringComparison.Ordinal);
        Assert.Empty(await NewRuntime(_nodeName).ReattachAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Start_GpusOnAnEngineWithoutTheirDriver_IsRefusedWithTheEnginesReason_AndLeavesNoContainer()
    {
        var loop = await ShellLoopAsync(ShellLoopSpecs.Loop(1, 1));
        using var client = _engine.CreateClient();
        var info = await client.System.GetSystemInfoAsync();
        Skip.If(info.Runtimes?.ContainsKey("nvidia") == true, "this engine has the NVIDIA runtime: its GPU requests succeed");
        var spec = loop with { Resources = loop.Resources with { Gpus = 1 } };

        var result = await NewRuntime(_nodeName).StartAsync(ShellLoopSpecs.Launch(spec, Directory, Lease), CancellationToken.None);

        Assert.False(result.Started);
        Assert.Contains("could not select device driver", result.Refusal, StringComparison.Ordinal);
        Assert.Empty(await ContainersOfThisNodeAsync(client));
    }

    [SkippableFact]
    public async Task Start_CreatesALabelledLimitedIsolatedContainer()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 100_000, stepSeconds: 0.1));
        var workload = await StartAsync(spec);
        using var client = _engine.CreateClient();

        var container = await client.Containers.InspectContainerAsync(workload.RuntimeId);

        Assert.Equal(_nodeName, container.Config.Labels[DockerLabels.Node]);
        Assert.Equal("7", container.Config.Labels[DockerLabels.Lease]);
        Assert.Equal("2", container.Config.Labels[DockerLabels.Epoch]);
        Assert.Equal("0", container.Config.Labels[DockerLabels.RestartCount]);
        Assert.Equal(500_000_000, container.HostConfig.NanoCPUs);
        Assert.Equal(64L * 1024 * 1024, container.HostConfig.Memory);
        Assert.Equal("bridge", container.HostConfig.NetworkMode);
        Assert.False(container.HostConfig.Privileged);
        Assert.Equal(["ALL"], container.HostConfig.CapDrop);
        Assert.Contains($"{Directory.Combine("checkpoints")}:/depin/checkpoints:rw", container.HostConfig.Binds);
        Assert.Contains("DEPIN_RESTART_COUNT=0", container.Config.Env);
        await workload.KillAsync(CancellationToken.None);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Reattach_AfterTheNodeRestarts_SupervisesTheSameContainerInsteadOfStartingItAgain()
    {
        var spec = await ShellLoopAsync(ShellLoopSpecs.Loop(steps: 100_000, every: 100_000, stepSeconds: 0.1));
        var first = await StartAsync(spec);
        await WaitForLineAsync(first, "step 2");
        await first.DisposeAsync(); // the node stops supervising (it exits); the container runs on

        var reattached = Assert.Single(await NewRuntime(_nodeName).ReattachAsync(CancellationToken.None));
        var again = await NewRuntime(_nodeName).StartAsync(ShellLoopSpecs.Launch(spec, Directory, Lease), CancellationToken.None);

        Assert.Equal(first.RuntimeId, reattached.RuntimeId);
        Assert.Equal(Lease, reattached.Lease);
        Assert.Equal(first.RuntimeId, again.Workload!.RuntimeId);
        Assert.False(reattached.Completion.IsCompleted);
        Assert.Empty(await NewRuntime(_nodeName + "-other").ReattachAsync(CancellationToken.None));
        await WaitForLineAsync(reattached, "step 1"); // the output from before the restart is read back too
        Assert.Equal(new WorkloadExit(143, true), await reattached.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        await again.Workload.DisposeAsync();
        await reattached.RemoveAsync(CancellationToken.None);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _engine.RemoveContainersAsync(_nodeName);
        foreach (var runtime in _runtimes)
        {
            runtime.Dispose();
        }
    }

    private async Task<IList<Docker.DotNet.Models.ContainerListResponse>> ContainersOfThisNodeAsync(Docker.DotNet.DockerClient client) =>
        await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={_nodeName}"] = true } },
        });

    private DockerWorkloadRuntime NewRuntime(string nodeName)
    {
        var runtime = _engine.CreateRuntime(nodeName);
        _runtimes.Add(runtime);
        return runtime;
    }
}
