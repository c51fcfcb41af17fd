namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// A workload whose container ports are published on host ports: how a restarted node that re-attached to a service's
/// container finds where that service listens again (it chose the host port before it restarted).
/// </summary>
public interface IPortPublishingWorkload
{
    /// <summary>The host port <paramref name="containerPort"/> (TCP) is published on; null when it is not published.</summary>
    int? HostPortOf(int containerPort);
}
