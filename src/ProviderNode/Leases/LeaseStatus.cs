namespace DePinGpu.ProviderNode.Leases;

/// <summary>Where a lease held by this node stands. The last three are final.</summary>
public enum LeaseStatus
{
    /// <summary>Assigned to this provider at the record's epoch; not acknowledged yet.</summary>
    Won = 0,

    /// <summary>The job spec is present and valid.</summary>
    SpecFetched = 1,

    /// <summary><c>ackLease</c> is mined.</summary>
    Acknowledged = 2,

    /// <summary>The workload runs.</summary>
    Running = 3,

    /// <summary>The workload ended; completion or release is being sent.</summary>
    Finishing = 4,

    /// <summary>The lease completed (final).</summary>
    Completed = 5,

    /// <summary>The lease closed (final).</summary>
    Closed = 6,

    /// <summary>The lease moved to another provider or a later epoch (final for this epoch).</summary>
    HandedOver = 7,
}
