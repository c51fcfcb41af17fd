namespace DePinGpu.TenantCli.Gateway;

/// <summary>Whether a replica takes traffic.</summary>
internal enum ReplicaHealth
{
    /// <summary>Not probed successfully yet (a new or replacement replica): no traffic.</summary>
    Pending,

    /// <summary>Its last probe succeeded and it is not ejected: takes traffic.</summary>
    Healthy,

    /// <summary>Its probes failed: no traffic until one succeeds.</summary>
    Unhealthy,

    /// <summary>Its requests failed several times in a row: no traffic until a probe succeeds.</summary>
    Ejected,
}
