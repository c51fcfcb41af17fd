namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>What a fault tool did to a node (the fault log's vocabulary).</summary>
public enum FaultKind
{
    /// <summary>The node's machine died: kill -9 of the daemon and its workloads.</summary>
    Killed,

    /// <summary>kill -9 of the daemon alone (its workloads keep running until it comes back).</summary>
    DaemonKilled,

    /// <summary>The node (re)started.</summary>
    Started,

    /// <summary>SIGSTOP of the daemon and its workloads.</summary>
    Frozen,

    /// <summary>SIGCONT after a freeze.</summary>
    Thawed,

    /// <summary>The node's proxy to the chain's RPC was closed.</summary>
    RpcCut,

    /// <summary>The node's proxy to the chain's RPC was opened again.</summary>
    RpcRestored,

    /// <summary>The proxy in front of the node's libp2p listener was closed.</summary>
    GossipCut,

    /// <summary>The proxy in front of the node's libp2p listener was opened again.</summary>
    GossipRestored,

    /// <summary>The node's store filled up.</summary>
    DiskFilled,

    /// <summary>Space was freed on the node's store.</summary>
    DiskFreed,

    /// <summary>The chain replaced its latest blocks (anvil_reorg); recorded for the node <see cref="FaultLog.Chain"/>.</summary>
    ChainReorged,

    /// <summary>The node's disk started corrupting the blocks it stores.</summary>
    DiskCorrupting,

    /// <summary>The node's disk stopped corrupting blocks (those already corrupt stay so).</summary>
    DiskHealed,

    /// <summary>The node's workload container was killed behind its back (docker kill); the node itself runs on.</summary>
    ContainerKilled,
}
