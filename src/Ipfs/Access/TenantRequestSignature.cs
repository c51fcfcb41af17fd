using System.Globalization;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// The tenant-signed HTTP request scheme. The tenant signs, with its Ethereum key and EIP-191 <c>personal_sign</c>, the
/// UTF-8 text <see cref="Message"/> builds from the chain id, the method, the request target exactly as sent (path and
/// query) and an expiry (Unix seconds), and sends the address, the expiry and the signature in the headers below. A
/// signature is therefore good for one method on one URL on one chain until it expires; it can be replayed within that
/// window for the same read, which returns the same immutable bytes.
/// </summary>
public static class TenantRequestSignature
{
    /// <summary>The tenant's address (0x + 40 hex digits).</summary>
    public const string AddressHeader = "X-DePin-Tenant";

    /// <summary>The expiry, Unix seconds.</summary>
    public const string ExpiresHeader = "X-DePin-Expires";

    /// <summary>The signature, 0x + 65 bytes hex (r, s, v).</summary>
    public const string SignatureHeader = "X-DePin-Signature";

    /// <summary>The text that is signed.</summary>
    public static string Message(ulong chainId, string method, string target, long expiresUnixSeconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DePinGpu tenant request\nchain: {chainId}\nmethod: {method.ToUpperInvariant()}\ntarget: {target}\nexpires: {expiresUnixSeconds}");
}
