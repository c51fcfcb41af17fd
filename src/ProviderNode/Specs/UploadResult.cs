using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Specs;

/// <summary>The outcome of an upload: the stored CID, or a sentence saying why nothing was stored.</summary>
/// <param name="Cid">The content's CID (also when refused, so the caller sees what it sent).</param>
/// <param name="Accepted">True when stored and pinned.</param>
/// <param name="Problem">Why it was refused; null when accepted.</param>
public sealed record UploadResult(Cid? Cid, bool Accepted, string? Problem);
