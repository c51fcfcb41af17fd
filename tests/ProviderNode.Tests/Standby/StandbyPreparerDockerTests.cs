using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Standby;

/// <summary>
/// The standby's preparation with the Docker runtime (real engine): the active provider of lease 3 going quiet gets
/// the hand-over's container created for the epoch after its newest replicated checkpoint; heard again, the container
/// is removed; handed over, the container is left to the lease's run.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class StandbyPreparerDockerTests : IAsyncLifetime
{
    private const string Active = "0x00000000000000000000000000000000000000a1";
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);
    private readonly DockerEngineFixture _engine;
    private readonly TemporaryDirectory _directory = new();
    private readonly string _nodeName = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly SettableTime _time = new();
    private readonly ContentStore _content;
    private readonly StandbyStore _standbys;
    private readonly ReplicaStore _replicas;
    private readonly LeaseStore _leases;
    private DockerWorkloadRuntime _runtime = null!;
    private PreparedContainers _containers = null!;
    private StandbyPreparer _preparer = null!;
    private JobSpec? _spec;

    public StandbyPreparerDockerTests(DockerEngineFixture engine)
    {
        _engine = engine;
        _content = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        _standbys = new StandbyStore(_directory.Combine("standbys.db"));
        _standbys.Save(new StandbyRecord { Id = "7", FirstLeaseId = "3", LeaseCount = 1, UpdatedAt = DateTime.UtcNow });
        _replicas = new ReplicaStore(_directory.Combine("replicas.db"));
        _leases = new LeaseStore(_directory.Combine("leases.db"));
    }

    public async Task InitializeAsync()
    {
        _runtime = _engine.CreateRuntime(_nodeName);
        _spec = _engine.SkipReason is null
            ? ShellLoopSpecs.Docker(await _engine.ImageAsync("shell-loop"), ShellLoopSpecs.Loop(12, every: 3))
            : null;
        var workloads = _directory.Combine("workloads");
        _containers = new PreparedContainers(_runtime, (orderId, _) => Task.FromResult(orderId == 7 ? _spec : null), _leases, workloads, NullLogger<PreparedContainers>.Instance);
        _preparer = new StandbyPreparer(new NodeEventBus(), _standbys, _replicas, new PreparedResumes(_content, workloads), new SilenceWatch(), Silence, _time,
            NullLogger<StandbyPreparer>.Instance, _containers);
    }

    [SkippableFact]
    public async Task ActiveProviderSilent_TheHandoverContainerIsCreatedForTheNextEpoch_AndRemovedWhenTheProviderIsHeardAgain()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        await SilentAfterACheckpointAsync();

        var prepared = _containers.Find(3)!;
        Assert.Equal((3, 1ul), ((int)prepared.Lease.LeaseId, prepared.Lease.Epoch));
        Assert.Equal("created", await StateAsync(prepared.ContainerId));

        _preparer.Observe(new PeerHeartbeatSeen(Active, null!, _time.GetUtcNow()));
        await _preparer.PrepareSilentAsync(CancellationToken.None);

        Assert.Null(_containers.Find(3));
        Assert.Null(await StateAsync(prepared.ContainerId));
    }

    [SkippableFact]
    public async Task HandedOverAtThePreparedEpoch_TheContainerIsLeftToTheLeaseRun()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        await SilentAfterACheckpointAsync();
        var prepared = _containers.Find(3)!;

        _preparer.Observe(new LeaseWon(3, 7, 1, 0));
        await _preparer.PrepareSilentAsync(CancellationToken.None);

        Assert.Null(_containers.Find(3));
        Assert.Equal("created", await StateAsync(prepared.ContainerId));
    }

    [SkippableFact]
    public async Task SpecWithInputs_TheHandoverContainerBindsTheRunsInputsFolder_AndNamesIt()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        _spec = _spec! with { Inputs = [new InputSpec("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "data.bin")] };
        await SilentAfterACheckpointAsync();

        var prepared = _containers.Find(3)!;
        using var client = _engine.CreateClient();
        var inspected = await client.Containers.InspectContainerAsync(prepared.ContainerId);
        // The lease's run at epoch 1 places its inputs in <workloads>/3-1/inputs before it starts this container.
        var inputs = Path.GetFullPath(_directory.Combine("workloads", LeaseRun.RunDirectory("", "3", 1), "inputs"));
        Assert.Contains(inspected.HostConfig.Binds, bind => bind.StartsWith(inputs + ":", StringComparison.Ordinal) && bind.EndsWith(":ro", StringComparison.Ordinal));
        Assert.Contains(inspected.Config.Env, variable => variable.StartsWith("DEPIN_INPUT_DIR=", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _engine.RemoveContainersAsync(_nodeName);
        _runtime.Dispose();
        _leases.Dispose();
        _replicas.Dispose();
        _standbys.Dispose();
        _content.Dispose();
        _directory.Dispose();
    }

    /// <summary>Lease 3's provider announces checkpoint step 3 (replicated here), then is silent past the threshold; the preparer checks.</summary>
    private async Task SilentAfterACheckpointAsync()
    {
        var folder = _directory.Combine("source", "step-3");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "state"), "3\n");
        var imported = await new UnixFsImporter().ImportAsync(folder, _content.Blocks);
        _replicas.Save(new ReplicaRecord { Id = imported.Cid.ToString(), LeaseId = "3", OrderId = "7", Epoch = 0, Step = 3, BytesFetched = 10, PinnedAt = DateTime.UtcNow });
        _preparer.Observe(new PeerCheckpointAnnounced(3, 0, 3, imported.Cid, Active, null!, Held: false));
        _time.Advance(Silence * 2);
        Assert.Equal(1, await _preparer.PrepareSilentAsync(CancellationToken.None));
    }

    private async Task<string?> StateAsync(string containerId)
    {
        using var client = _engine.CreateClient();
        var all = await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true });
        return all.FirstOrDefault(container => container.ID == containerId)?.State;
    }

    private sealed class SettableTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
