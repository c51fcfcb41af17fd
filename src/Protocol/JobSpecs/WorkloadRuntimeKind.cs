namespace DePinGpu.Protocol.JobSpecs;

/// <summary>How a workload runs: a container image (untrusted code) or a host command (trusted, opt-in).</summary>
public enum WorkloadRuntimeKind
{
    /// <summary>A Docker container from a local image; the production default.</summary>
    Docker,

    /// <summary>A child process group on the host; only for providers that enable it (devnet, trusted code).</summary>
    Process,
}
