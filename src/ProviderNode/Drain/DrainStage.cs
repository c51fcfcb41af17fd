namespace DePinGpu.ProviderNode.Drain;

/// <summary>Where one lease stands in a drain. The last four are final.</summary>
public enum DrainStage
{
    /// <summary>Not handled yet.</summary>
    Pending,

    /// <summary>The workload was sent its "checkpoint now" signal (Stateful leases).</summary>
    Signalled,

    /// <summary>The checkpoint taken after the signal is committed on-chain.</summary>
    CheckpointCommitted,

    /// <summary>The workload is stopped; the release is being sent.</summary>
    Stopped,

    /// <summary><c>releaseLease</c> is mined: a standby or a replacement takes the lease over (final).</summary>
    Released,

    /// <summary>The lease ended by itself during the drain (its workload finished) (final).</summary>
    EndedOnItsOwn,

    /// <summary>The drain could not bring the lease to a clean end; <see cref="DrainLeaseProgress.Problem"/> says why (final).</summary>
    Failed,
}
