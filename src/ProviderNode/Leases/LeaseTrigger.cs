namespace DePinGpu.ProviderNode.Leases;

/// <summary>What moves a lease's state machine.</summary>
public enum LeaseTrigger
{
    /// <summary>The spec was fetched and validated.</summary>
    SpecFetched,

    /// <summary>The acknowledgement was mined.</summary>
    Acknowledged,

    /// <summary>The workload started (or was re-attached).</summary>
    Started,

    /// <summary>The workload ended.</summary>
    Exited,

    /// <summary>The chain says the lease completed.</summary>
    CompletedOnChain,

    /// <summary>The chain says the lease closed.</summary>
    ClosedOnChain,

    /// <summary>The chain says the lease moved to another provider or epoch.</summary>
    MovedOnChain,
}
