namespace DePinGpu.ProviderNode.Execution;

/// <summary>The labels that tie a container to its node, lease, epoch and run (how a restarted node finds it again).</summary>
public static class DockerLabels
{
    /// <summary>The node's <see cref="ExecutionOptions.NodeName"/>.</summary>
    public const string Node = "io.depingpu.node";

    /// <summary>The lease id (decimal).</summary>
    public const string Lease = "io.depingpu.lease";

    /// <summary>The lease's epoch.</summary>
    public const string Epoch = "io.depingpu.epoch";

    /// <summary>The run (<c>DEPIN_RESTART_COUNT</c>).</summary>
    public const string RestartCount = "io.depingpu.restart-count";

    /// <summary>The spec's grace period in seconds (a re-attached container is stopped with the same grace).</summary>
    public const string GracePeriod = "io.depingpu.grace-seconds";

    /// <summary>"true" on a container a standby created ahead of a hand-over (a restarted node adopts or removes it).</summary>
    public const string Prepared = "io.depingpu.prepared";
}
