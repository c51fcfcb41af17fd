namespace DePinGpu.Ipfs.Gateway;

/// <summary>The response types: the two verifiable ones of a trustless gateway, and a file's bytes when asked for.</summary>
internal enum ResponseFormat
{
    /// <summary><c>application/vnd.ipld.raw</c>: one block.</summary>
    Raw,

    /// <summary><c>application/vnd.ipld.car</c>: a CARv1 of (part of) the DAG.</summary>
    Car,

    /// <summary>
    /// <c>application/octet-stream</c>: the bytes of a UnixFS file, with <c>Range</c> support. Not verifiable by the client
    /// on its own; served only when asked for by name.
    /// </summary>
    File,
}
