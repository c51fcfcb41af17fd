namespace DePinGpu.Ipfs.Gateway;

/// <summary>The two verifiable response types a trustless gateway serves.</summary>
internal enum ResponseFormat
{
    /// <summary><c>application/vnd.ipld.raw</c>: one block.</summary>
    Raw,

    /// <summary><c>application/vnd.ipld.car</c>: a CARv1 of (part of) the DAG.</summary>
    Car,
}
