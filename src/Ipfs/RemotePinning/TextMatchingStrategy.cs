namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>How a name filter matches (Pinning Service API <c>match</c>).</summary>
public enum TextMatchingStrategy
{
    /// <summary>Exact, case-sensitive.</summary>
    Exact,

    /// <summary>Exact, case-insensitive.</summary>
    Iexact,

    /// <summary>Substring, case-sensitive.</summary>
    Partial,

    /// <summary>Substring, case-insensitive.</summary>
    Ipartial,
}
