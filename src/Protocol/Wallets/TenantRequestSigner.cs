using System.Globalization;
using DePinGpu.Ipfs.Access;
using Nethereum.Signer;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// Signs gateway requests as a tenant (see <see cref="TenantRequestSignature"/>): the headers to add to a request for
/// <c>method</c> on <c>target</c> (path and query exactly as sent), valid until <c>expires</c>.
/// </summary>
public static class TenantRequestSigner
{
    /// <summary>The three signature headers, name and value.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        WalletKey tenant, ulong chainId, string method, string target, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var seconds = expires.ToUnixTimeSeconds();
        var message = TenantRequestSignature.Message(chainId, method, target, seconds);
        var signature = new EthereumMessageSigner().EncodeUTF8AndSign(message, tenant.SigningKey);
        return
        [
            new(TenantRequestSignature.AddressHeader, tenant.Address),
            new(TenantRequestSignature.ExpiresHeader, seconds.ToString(CultureInfo.InvariantCulture)),
            new(TenantRequestSignature.SignatureHeader, signature),
        ];
    }
}
