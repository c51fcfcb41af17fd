namespace DePinGpu.Libp2p;

/// <summary>The remote peer answered <c>na</c> to every protocol offered during multistream-select.</summary>
public sealed class MultistreamRefusedException : IOException
{
    /// <summary>Creates the exception listing the protocols that were offered.</summary>
    public MultistreamRefusedException(IReadOnlyList<string> offeredProtocols)
        : base($"The remote peer supports none of: {string.Join(", ", offeredProtocols ?? [])}.")
    {
        OfferedProtocols = offeredProtocols ?? [];
    }

    /// <summary>The protocols that were offered, in order.</summary>
    public IReadOnlyList<string> OfferedProtocols { get; }
}
