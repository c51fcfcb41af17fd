namespace DePinGpu.Protocol.JobSpecs;

/// <summary>What the node does with a running workload while it cannot get a heartbeat mined.</summary>
public enum OnChainLossPolicy
{
    /// <summary>Keep running and commit nothing until the chain is reachable again (the default).</summary>
    Keep,

    /// <summary>Stop the workload once a whole heartbeat timeout passed without a mined heartbeat.</summary>
    Stop,
}
