namespace DePinGpu.TenantCli.Nodes;

/// <summary>What a node answered to a log request.</summary>
internal enum LogReadStatus
{
    /// <summary>Lines (maybe none yet).</summary>
    Lines,

    /// <summary>The node runs no workload for the lease now (404): not started, ended, or handed over.</summary>
    NotRunning,

    /// <summary>The node refused the signature or the signer (401/403): the message says why.</summary>
    Refused,
}
