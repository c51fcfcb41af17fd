namespace DePinGpu.Ipfs.Access;

/// <summary>Who may have a block that is under no registered checkpoint and no public root.</summary>
public enum UnlistedBlockAccess
{
    /// <summary>Anyone (an open node: only registered checkpoints are restricted).</summary>
    Public,

    /// <summary>No one: a provider node serves only what is registered, so a block fetched before its lease is registered never leaks.</summary>
    Refused,
}
