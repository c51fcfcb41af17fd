namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>The decisions of a <see cref="CheckpointCommitter"/>.</summary>
public enum CheckpointCommitOutcomeKind
{
    /// <summary>Imported and announced; waiting for standbys to hold it.</summary>
    AwaitingReplicas,

    /// <summary>Committed on-chain.</summary>
    Committed,

    /// <summary>Not enough standbys held it within the replication wait: never committed.</summary>
    NotReplicated,

    /// <summary>A later checkpoint was imported before enough standbys held this one: never committed.</summary>
    Superseded,

    /// <summary>The commit transaction failed (the chain is unreachable, the lease moved): skipped.</summary>
    Failed,
}
