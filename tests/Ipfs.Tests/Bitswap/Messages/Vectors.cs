using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

/// <summary>CIDs from the IPFS reference vectors used by the Bitswap codec tests.</summary>
internal static class Vectors
{
    /// <summary>"hello world\n" as a raw CIDv1.</summary>
    public static Cid Hello { get; } = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

    /// <summary>"hello world\n" added without flags (dag-pb leaf, CIDv0).</summary>
    public static Cid HelloV0 { get; } = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");

    /// <summary>Root of pattern(1 MiB), dag-pb CIDv1.</summary>
    public static Cid PatternRoot { get; } = Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau");

    public static string Hex(Cid cid) => Convert.ToHexStringLower(cid.Bytes);
}
