namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// What ended a run when neither the node nor the workload itself did: a fault of the provider's machine (an operator's
/// <c>docker kill</c>, the kernel's OOM killer, a cleanup script), not of the tenant's job. The supervisor restarts such
/// a run in place from the last committed checkpoint instead of failing the lease.
/// </summary>
public enum OutsideKill
{
    /// <summary>The run ended by itself (or the node stopped it).</summary>
    None,

    /// <summary>Someone else sent it SIGKILL or SIGTERM (<c>docker kill</c>, <c>docker stop</c>, <c>kill -9</c>).</summary>
    Signal,

    /// <summary>The kernel killed it for going over its memory limit (Docker's <c>State.OOMKilled</c>).</summary>
    OutOfMemory,

    /// <summary>Its container was removed from under the node (<c>docker rm -f</c>).</summary>
    Removed,
}
