namespace DePinGpu.Ipfs.Gateway;

/// <summary>The <c>dag-scope</c> of a CAR request (trustless gateway spec).</summary>
internal enum DagScope
{
    /// <summary>The whole DAG under the CID (the default).</summary>
    All,

    /// <summary>What is needed to read the entity: a whole UnixFS file, or only a directory's own node.</summary>
    Entity,

    /// <summary>Only the root block.</summary>
    Block,
}
