using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>What every <see cref="LeaseRun"/> uses (one instance per node).</summary>
/// <param name="Market">The market, sending from the operator key.</param>
/// <param name="Specs">Where specs come from.</param>
/// <param name="Store">The leases' persisted state.</param>
/// <param name="Supervisor">Starts and restarts workloads.</param>
/// <param name="Watchers">Creates the checkpoint watcher of a run.</param>
/// <param name="Content">The content store (pins of committed checkpoints, the result).</param>
/// <param name="Importer">Imports the workload's output as the result.</param>
/// <param name="WorkloadsDirectory">Under the data directory: one folder per lease and epoch.</param>
/// <param name="SpecWait">How long to wait for the spec.</param>
/// <param name="Metrics">The node's meters.</param>
/// <param name="Logger">Where runs log.</param>
/// <param name="Bus">The node's event bus (imported checkpoints are announced on it).</param>
/// <param name="Holders">Which standbys said they hold which checkpoint (gates commits).</param>
/// <param name="CommittedCheckpoints">Exports a lease's last committed checkpoint for a hand-over.</param>
/// <param name="ReplicationWait">How long an imported checkpoint waits for its standbys before it is given up.</param>
/// <param name="Calls">Sends lease calls with retries and holds commits while the chain is out of reach (none: sent once, directly).</param>
public sealed record LeaseRunContext(
    MarketClient Market,
    SpecStore Specs,
    LeaseStore Store,
    WorkloadSupervisor Supervisor,
    CheckpointWatcherFactory Watchers,
    ContentStore Content,
    UnixFsImporter Importer,
    string WorkloadsDirectory,
    TimeSpan SpecWait,
    NodeMetrics Metrics,
    ILogger Logger,
    NodeEvents.NodeEventBus Bus,
    CheckpointHolders Holders,
    CommittedCheckpointExporter CommittedCheckpoints,
    TimeSpan ReplicationWait,
    LeaseCalls? Calls = null);
