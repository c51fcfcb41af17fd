namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// Choices for <c>ipfs add</c>. The CID profile is fixed to the one the project records on chain and the C# importer
/// reproduces: <c>cid-version=1</c>, <c>raw-leaves=true</c>, <c>chunker=size-262144</c>, <c>hash=sha2-256</c>
/// (never Kubo's defaults, which differ between versions).
/// </summary>
public sealed class KuboAddOptions
{
    /// <summary>Pin the added content recursively (Kubo's <c>pin</c>).</summary>
    public bool Pin { get; set; } = true;

    /// <summary>Wrap the added parts in one extra directory (<c>ipfs add -w</c>).</summary>
    public bool WrapWithDirectory { get; set; }

    /// <summary>Only compute the CIDs, store nothing (<c>--only-hash</c>): cross-checks the C# importer against Kubo.</summary>
    public bool OnlyHash { get; set; }
}
