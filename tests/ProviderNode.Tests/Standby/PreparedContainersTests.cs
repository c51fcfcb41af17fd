using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Standby;

/// <summary>
/// The hand-over's container created ahead on the real Docker engine: created, not started; the hand-over's start only
/// starts that very container, which resumes from the checkpoint moved into its resume folder; removed when the
/// provider is heard again or the lease moves on; adopted or removed by label after a restart; never removed once started.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class PreparedContainersTests : IAsyncLifetime
{
    private const int Steps = 12;
    private static readonly BigInteger LeaseId = 7;
    private static readonly BigInteger OrderId = 3;
    private readonly DockerEngineFixture _engine;
    private readonly ITestOutputHelper _output;
    private readonly TemporaryDirectory _directory = new();
    private readonly string _nodeName = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly LeaseStore _leases;
    private DockerWorkloadRuntime _runtime = null!;
    private JobSpec? _spec;

    public PreparedContainersTests(DockerEngineFixture engine, ITestOutputHelper output)
    {
        _engine = engine;
        _output = output;
        _leases = new LeaseStore(_directory.Combine("leases.db"));
    }

    private string Workloads => _directory.Combine("workloads");

    public async Task InitializeAsync()
    {
        _runtime = _engine.CreateRuntime(_nodeName);
        if (_engine.SkipReason is null)
        {
            _spec = ShellLoopSpecs.Docker(await _engine.ImageAsync("shell-loop"), ShellLoopSpecs.Loop(Steps, every: 3, stepSeconds: 0.05));
        }
    }

    [SkippableFact]
    public async Task Prepared_IsCreatedNotStarted_AndTheHandoverStartsThatVeryContainer_ResumingFromTheCheckpointMovedIntoIt()
    {
        var containers = NewContainers();
        var prepared = (await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None))!;
        using var client = _engine.CreateClient();
        var inspected = await client.Containers.InspectContainerAsync(prepared.ContainerId);
        Assert.Equal(("created", "true"), (inspected.State.Status, inspected.Config.Labels[DockerLabels.Prepared]));
        Assert.Empty(await _runtime.ReattachAsync(CancellationToken.None));
        Assert.Same(prepared, await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None));

        // The hand-over: the committed checkpoint lands in the run's resume folder, then the run starts its workload.
        WriteResume(epoch: 1, step: 6);
        Assert.True(containers.HandedOver(LeaseId, 1));
        var workload = (await _runtime.StartAsync(HandoverLaunch(1), CancellationToken.None)).Workload!;

        Assert.Equal(prepared.ContainerId, workload.RuntimeId);
        Assert.Equal(0, (await workload.Completion.WaitAsync(DevnetTenant.Patience)).ExitCode);
        var run = LeaseRun.RunDirectory(Workloads, "7", 1);
        Assert.Equal(Steps.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(run, "output", "result")).Trim());
        Assert.Equal(["step-12", "step-9"], Directory.EnumerateDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Contains("resumed from step 6", workload.Logs.Read().Select(line => line.Text));
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task ProviderHeardAgain_ThePreparedContainerIsRemoved_ButAStartedOneIsLeftAlone()
    {
        var containers = NewContainers();
        var prepared = (await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None))!;

        Assert.Equal(1, await containers.RemoveAllButAsync(new HashSet<BigInteger>(), "heard again", CancellationToken.None));
        Assert.False(await ExistsAsync(prepared.ContainerId));
        Assert.Null(containers.Find(LeaseId));

        var again = (await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None))!;
        WriteResume(epoch: 1, step: 6);
        var workload = (await _runtime.StartAsync(HandoverLaunch(1), CancellationToken.None)).Workload!;
        Assert.False(await containers.RemoveAsync(LeaseId, "the lease moved on", CancellationToken.None));
        Assert.True(await ExistsAsync(again.ContainerId));
        await workload.KillAsync(CancellationToken.None);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task PreparedForAnotherEpoch_IsReplaced_AndAStartThatDiffersFromThePreparedContainer_CreatesItsOwn()
    {
        var containers = NewContainers();
        var first = (await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None))!;
        var second = (await containers.PrepareAsync(LeaseId, OrderId, 2, CancellationToken.None))!;
        Assert.False(await ExistsAsync(first.ContainerId));
        Assert.Equal(2ul, second.Lease.Epoch);

        // Nothing was committed after all: the run starts without a resume folder, so the prepared container is not it.
        var launch = HandoverLaunch(2) with { Directories = HandoverLaunch(2).Directories with { Resume = null } };
        var workload = (await _runtime.StartAsync(launch, CancellationToken.None)).Workload!;

        Assert.NotEqual(second.ContainerId, workload.RuntimeId);
        Assert.False(await ExistsAsync(second.ContainerId));
        Assert.Equal(0, (await workload.Completion.WaitAsync(DevnetTenant.Patience)).ExitCode);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task AfterARestart_TheContainerOfALeaseHeldAtItsEpochIsAdopted_AndAnyOtherIsRemoved()
    {
        var before = NewContainers();
        var held = (await before.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None))!;
        var other = (await before.PrepareAsync(LeaseId + 1, OrderId, 1, CancellationToken.None))!;
        _leases.Save(new LeaseRecord { Id = "7", OrderId = "3", Epoch = 1, Status = LeaseStatus.Won, UpdatedAt = DateTime.UtcNow });

        Assert.Equal(1, await NewContainers().CleanUpAfterRestartAsync(CancellationToken.None));

        Assert.True(await ExistsAsync(held.ContainerId));
        Assert.False(await ExistsAsync(other.ContainerId));
        WriteResume(epoch: 1, step: 3);
        var workload = (await _runtime.StartAsync(HandoverLaunch(1), CancellationToken.None)).Workload!;
        Assert.Equal(held.ContainerId, workload.RuntimeId);
        await workload.KillAsync(CancellationToken.None);
        await workload.RemoveAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task ProcessSpec_NothingIsCreated()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var process = ShellLoopSpecs.Process(ShellLoopSpecs.Loop(Steps, 3));
        var containers = new PreparedContainers(_runtime, (_, _) => Task.FromResult<JobSpec?>(process), _leases, Workloads, NullLogger<PreparedContainers>.Instance);

        Assert.Null(await containers.PrepareAsync(LeaseId, OrderId, 1, CancellationToken.None));
        Assert.Null(containers.Find(LeaseId));
    }

    /// <summary>
    /// Measures the hand-over's start path (<see cref="DockerWorkloadRuntime.StartAsync"/>: image check, look-up, then
    /// create and start, or only start) with and without the container created ahead, a few times each, and writes the
    /// medians to the test output (docs/protocol.md §8 quotes them). What it checks is that every prepared start reused
    /// its container; it asserts nothing about time.
    /// </summary>
    [SkippableFact]
    public async Task CreateAndStart_AgainstStartingThePreparedContainer_Measured()
    {
        var containers = NewContainers();
        _spec = _spec! with { Environment = ShellLoopSpecs.Loop(100_000, 100_000, 0.1) };
        const int Runs = 5;
        var fresh = new List<double>();
        var preparedStarts = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            fresh.Add(await TimedStartAsync(HandoverLaunch((ulong)(10 + run)), expectedContainer: null));
            var epoch = (ulong)(20 + run);
            var prepared = (await containers.PrepareAsync(LeaseId, OrderId, epoch, CancellationToken.None))!;
            Assert.True(containers.HandedOver(LeaseId, epoch));
            preparedStarts.Add(await TimedStartAsync(HandoverLaunch(epoch), prepared.ContainerId));
        }

        _output.WriteLine(FormattableString.Invariant(
            $"Docker start of the shell-loop image, median of {Runs}: create + start {Median(fresh):0} ms; start of the prepared container {Median(preparedStarts):0} ms"));
        _output.WriteLine("create + start (ms): " + string.Join(", ", fresh.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture))));
        _output.WriteLine("prepared start (ms): " + string.Join(", ", preparedStarts.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture))));
    }

    public async Task DisposeAsync()
    {
        await _engine.RemoveContainersAsync(_nodeName);
        _runtime.Dispose();
        _leases.Dispose();
        _directory.Dispose();
    }

    private PreparedContainers NewContainers()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        return new PreparedContainers(_runtime, (_, _) => Task.FromResult(_spec), _leases, Workloads, NullLogger<PreparedContainers>.Instance);
    }

    /// <summary>The launch of lease 7's first run at <paramref name="epoch"/>, as the lease's run makes it (the committed checkpoint exported into its resume folder).</summary>
    private WorkloadLaunch HandoverLaunch(ulong epoch)
    {
        var run = LeaseRun.RunDirectory(Workloads, "7", (long)epoch);
        return new WorkloadLaunch(new LeaseEpoch(LeaseId, epoch), _spec!, new WorkloadDirectories(Path.Combine(run, "checkpoints"), Path.Combine(run, "output"), Path.Combine(run, "resume"), null), 0);
    }

    /// <summary>What the hand-over's export leaves: checkpoint <paramref name="step"/> of the shell loop in the run's resume folder.</summary>
    private void WriteResume(ulong epoch, int step)
    {
        var resume = HandoverLaunch(epoch).Directories.Resume!;
        Directory.CreateDirectory(resume);
        File.WriteAllText(Path.Combine(resume, "state"), step.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    private async Task<double> TimedStartAsync(WorkloadLaunch launch, string? expectedContainer)
    {
        WriteResume(launch.Lease.Epoch, step: 3);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var workload = (await _runtime.StartAsync(launch, CancellationToken.None)).Workload!;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (expectedContainer is not null)
        {
            Assert.Equal(expectedContainer, workload.RuntimeId);
        }

        await workload.KillAsync(CancellationToken.None);
        await workload.RemoveAsync(CancellationToken.None);
        await workload.DisposeAsync();
        return elapsed;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private async Task<bool> ExistsAsync(string containerId)
    {
        using var client = _engine.CreateClient();
        var all = await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true });
        return all.Any(container => container.ID == containerId);
    }
}
