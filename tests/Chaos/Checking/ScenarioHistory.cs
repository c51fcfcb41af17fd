using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Chaos.Tests.Faults;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>Everything the checker reads after a scenario: the chain's events, the workloads' step log, the faults, the leases and nodes.</summary>
public sealed record ScenarioHistory(
    ProtocolChain Chain,
    ChainHistory ChainEvents,
    IReadOnlyList<StepEntry> Steps,
    FaultLog Faults,
    IReadOnlyList<CheckedLease> Leases,
    IReadOnlyList<ChaosNode> Nodes,
    DateTimeOffset ReadAt);
