using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Turns a gateway request into a <see cref="Requester"/>: anonymous without the <see cref="TenantRequestSignature"/>
/// headers, the tenant when they are complete, unexpired, not too far in the future, for this chain and correctly signed.
/// Incomplete, malformed, expired or wrongly signed headers are a problem (401), never a silent downgrade to anonymous.
/// </summary>
public sealed partial class TenantRequestAuthenticator
{
    private readonly ITenantSignatureVerifier _verifier;
    private readonly ulong _chainId;
    private readonly TimeSpan _maxLifetime;
    private readonly TimeProvider _time;

    /// <summary>Creates an authenticator for requests signed for <paramref name="chainId"/>, valid at most <paramref name="maxLifetime"/> ahead.</summary>
    public TenantRequestAuthenticator(ITenantSignatureVerifier verifier, ulong chainId, TimeSpan maxLifetime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxLifetime, TimeSpan.Zero);
        _verifier = verifier;
        _chainId = chainId;
        _maxLifetime = maxLifetime;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The requester, or null with <paramref name="problem"/> saying what is wrong with the signature headers.</summary>
    public Requester? Authenticate(HttpRequest request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        var address = request.Headers[TenantRequestSignature.AddressHeader];
        var expires = request.Headers[TenantRequestSignature.ExpiresHeader];
        var signature = request.Headers[TenantRequestSignature.SignatureHeader];
        if (address.Count == 0 && expires.Count == 0 && signature.Count == 0)
        {
            return Requester.Anonymous;
        }

        problem = Check(address.ToString(), expires.ToString(), signature.ToString(), address.Count + expires.Count + signature.Count);
        if (problem is not null)
        {
            return null;
        }

        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var message = TenantRequestSignature.Message(_chainId, request.Method, target, long.Parse(expires.ToString(), CultureInfo.InvariantCulture));
        if (!_verifier.IsSignedBy(message, signature.ToString(), address.ToString()))
        {
            problem = "The tenant signature does not match the request (method, target, expiry, chain) and address.";
            return null;
        }

        return Requester.OfTenant(address.ToString());
    }

    private string? Check(string address, string expires, string signature, int headerCount)
    {
        if (headerCount != 3 || !AddressPattern().IsMatch(address) || !SignaturePattern().IsMatch(signature))
        {
            return $"Give {TenantRequestSignature.AddressHeader} (0x + 40 hex), {TenantRequestSignature.ExpiresHeader} (Unix seconds) and " +
                $"{TenantRequestSignature.SignatureHeader} (0x + 130 hex) once each.";
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"{TenantRequestSignature.ExpiresHeader} must be Unix seconds.";
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (seconds <= now)
        {
            return "The tenant signature has expired.";
        }

        return seconds - now > (long)_maxLifetime.TotalSeconds
            ? $"The tenant signature expires more than {_maxLifetime} ahead; sign for a shorter time."
            : null;
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]{130}$")]
    private static partial Regex SignaturePattern();
}
