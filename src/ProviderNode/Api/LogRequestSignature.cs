using System.Globalization;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The tenant-signed request scheme of the node's log route: EIP-191 <c>personal_sign</c> over the UTF-8 text
/// <see cref="Message"/> builds from the chain id, the method, the request target exactly as sent and an expiry,
/// with the address, expiry and signature in three headers. The same text and headers as the gateway's tenant
/// access (branch wt-hamt), so one signer serves both.
/// </summary>
public static class LogRequestSignature
{
    /// <summary>The tenant's address header.</summary>
    public const string AddressHeader = "X-DePin-Tenant";

    /// <summary>The expiry header (Unix seconds).</summary>
    public const string ExpiresHeader = "X-DePin-Expires";

    /// <summary>The signature header (0x + 65 bytes hex).</summary>
    public const string SignatureHeader = "X-DePin-Signature";

    /// <summary>The signed text.</summary>
    public static string Message(ulong chainId, string method, string target, long expiresUnixSeconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DePinGpu tenant request\nchain: {chainId}\nmethod: {method.ToUpperInvariant()}\ntarget: {target}\nexpires: {expiresUnixSeconds}");
}
