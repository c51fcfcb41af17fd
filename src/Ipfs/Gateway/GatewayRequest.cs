using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>A validated trustless gateway request.</summary>
/// <param name="Cid">The requested CID (as written by the client).</param>
/// <param name="Format">The negotiated response type.</param>
/// <param name="FormatInQuery">True when the client named the format in <c>?format=</c> (no <c>Content-Location</c> needed).</param>
/// <param name="Scope">The <c>dag-scope</c> (CAR only).</param>
/// <param name="FileName">The <c>filename</c> for <c>Content-Disposition</c>, already checked to be safe.</param>
/// <param name="OnlyIfCached">The client sent <c>Cache-Control: only-if-cached</c> (absent content is 412, not 404).</param>
internal sealed record GatewayRequest(
    Cid Cid, ResponseFormat Format, bool FormatInQuery, DagScope Scope, string FileName, bool OnlyIfCached)
{
    /// <summary>The content path after the CID, one validated segment each; empty for <c>/ipfs/{cid}</c>.</summary>
    public IReadOnlyList<string> ContentPath { get; init; } = [];

    /// <summary>The CAR's <c>entity-bytes</c>, or null for the whole entity.</summary>
    public EntityBytes? EntityBytes { get; init; }

    /// <summary>True when the request needs path resolution, a byte range of an entity or the file's bytes.</summary>
    public bool NeedsResolution => ContentPath.Count > 0 || EntityBytes is not null || Format == ResponseFormat.File;
}
