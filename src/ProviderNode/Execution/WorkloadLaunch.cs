using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Everything a runtime needs to start one run of a workload.</summary>
/// <param name="Lease">The lease and epoch the workload runs for.</param>
/// <param name="Spec">The validated job spec.</param>
/// <param name="Directories">The folders of the workload contract.</param>
/// <param name="RestartCount">0 on the first start, one more per restart in place (<c>DEPIN_RESTART_COUNT</c>).</param>
/// <param name="HostPort">For services: the host port the service port is published on; null for batch jobs.</param>
public sealed record WorkloadLaunch(LeaseEpoch Lease, JobSpec Spec, WorkloadDirectories Directories, int RestartCount, int? HostPort = null);
