using DePinGpu.Ipfs.Access;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// The one check of tenant-signed HTTP requests (<see cref="TenantRequestSignature"/>: headers <c>X-DePin-Tenant</c>,
/// <c>X-DePin-Expires</c>, <c>X-DePin-Signature</c>, signed with <see cref="TenantRequestSigner"/>), for every route
/// that serves a tenant: the IPFS gateway's checkpoint access and the node API's lease logs. The header rules live in
/// <see cref="TenantRequestAuthenticator"/>, the Ethereum signature check in <see cref="EthereumTenantSignatureVerifier"/>.
/// </summary>
public static class TenantRequestVerification
{
    /// <summary>The authenticator of requests signed for <paramref name="chainId"/>, valid at most <paramref name="maxLifetime"/> ahead.</summary>
    public static TenantRequestAuthenticator Authenticator(ulong chainId, TimeSpan maxLifetime, TimeProvider? time = null) =>
        new(new EthereumTenantSignatureVerifier(), chainId, maxLifetime, time);

    /// <summary>
    /// The tenant that signed <paramref name="request"/>, or null with <paramref name="problem"/> saying why not; an
    /// unsigned request is refused too (for routes only a tenant may use).
    /// </summary>
    public static string? SignedTenant(HttpRequest request, ulong chainId, TimeSpan maxLifetime, out string? problem, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requester = Authenticator(chainId, maxLifetime, time).Authenticate(request, out problem);
        if (requester?.TenantAddress is { } tenant)
        {
            return tenant;
        }

        problem ??= $"Sign the request with the tenant's key: send {TenantRequestSignature.AddressHeader}, {TenantRequestSignature.ExpiresHeader} and {TenantRequestSignature.SignatureHeader}.";
        return null;
    }
}
