namespace DePinGpu.Ipfs.Gateway;

/// <summary>The media types of the trustless gateway protocol (IANA registered), shared by the gateway and its client.</summary>
public static class GatewayMediaTypes
{
    /// <summary>A single block, exactly the bytes the CID hashes.</summary>
    public const string Raw = "application/vnd.ipld.raw";

    /// <summary>A UnixFS file's bytes (asked for by name; the only deserialized response this gateway gives).</summary>
    public const string FileBytes = "application/octet-stream";

    /// <summary>A CAR stream of blocks.</summary>
    public const string Car = "application/vnd.ipld.car";

    /// <summary>The full <c>Content-Type</c> of this gateway's CAR responses: CARv1, depth-first, no duplicate blocks.</summary>
    public const string CarResponse = "application/vnd.ipld.car; version=1; order=dfs; dups=n";
}
