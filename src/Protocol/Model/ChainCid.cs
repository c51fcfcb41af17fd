using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Model;

/// <summary>
/// CIDs at the ABI boundary: the contracts store a CID's binary form as <c>bytes</c> and check only its length, so
/// bytes read back from the chain may be anything a caller put there.
/// </summary>
internal static class ChainCid
{
    /// <summary>The binary form the contracts take.</summary>
    public static byte[] ToAbi(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return cid.Bytes.ToArray();
    }

    /// <summary>The CID in <paramref name="bytes"/>, or null when they are empty or not a CID.</summary>
    public static Cid? TryRead(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0 || bytes.Length > Cid.MaxBinaryLength)
        {
            return null;
        }

        try
        {
            return Cid.FromBytes(bytes);
        }
        catch (FormatException)
        {
            // Not a CID: the contract accepted it (length only); callers treat null as "no usable CID".
            return null;
        }
    }
}
