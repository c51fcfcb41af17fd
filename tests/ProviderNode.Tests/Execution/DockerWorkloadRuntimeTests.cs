using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Tests.Support;

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
