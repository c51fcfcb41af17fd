using DePinGpu.Ipfs.Access;
using Nethereum.Signer;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// Verifies tenant request signatures for the IPFS gateway: EIP-191 <c>personal_sign</c> of the UTF-8 message, the
/// signer recovered from the 65-byte secp256k1 signature and compared with the claimed address. A signature that does
/// not decode is simply not the address's signature.
/// </summary>
public sealed class EthereumTenantSignatureVerifier : ITenantSignatureVerifier
{
    private readonly EthereumMessageSigner _signer = new();

    /// <inheritdoc/>
    public bool IsSignedBy(string message, string signature, string address)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(address);
        string recovered;
        try
        {
            recovered = _signer.EncodeUTF8AndEcRecover(message, signature);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // Garbage that passed the header's shape check (an impossible r, s or v) signs nothing.
            return false;
        }

        return string.Equals(recovered, address, StringComparison.OrdinalIgnoreCase);
    }
}
