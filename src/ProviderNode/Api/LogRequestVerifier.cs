using System.Globalization;
using Nethereum.Signer;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Checks the signature headers of a log request (<see cref="LogRequestSignature"/>): present, not expired, expiring
/// no later than <c>maxLifetime</c> from now, and signed by the address they name. Whether that address is the
/// lease's tenant is checked against the chain by the route.
/// </summary>
public static class LogRequestVerifier
{
    /// <summary>Checks a request for <paramref name="method"/> <paramref name="target"/> on chain <paramref name="chainId"/>.</summary>
    public static LogRequestCheck Check(ulong chainId, string method, string target, string? address, string? expires, string? signature, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            return LogRequestCheck.Refused($"Sign the request with the tenant's key: send {LogRequestSignature.AddressHeader}, {LogRequestSignature.ExpiresHeader} and {LogRequestSignature.SignatureHeader}.");
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || expiresAt > now.Add(maxLifetime).ToUnixTimeSeconds())
        {
            return LogRequestCheck.Refused($"{LogRequestSignature.ExpiresHeader} must be Unix seconds at most {maxLifetime.TotalSeconds:0} s ahead.");
        }

        if (expiresAt < now.ToUnixTimeSeconds())
        {
            return LogRequestCheck.Refused("The signature has expired; sign the request again.");
        }

        string recovered;
        try
        {
            recovered = new EthereumMessageSigner().EncodeUTF8AndEcRecover(LogRequestSignature.Message(chainId, method, target, expiresAt), signature);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return LogRequestCheck.Refused("The signature is malformed: send 0x and 65 bytes in hex.");
        }

        return string.Equals(recovered, address, StringComparison.OrdinalIgnoreCase)
            ? LogRequestCheck.Good(recovered.ToLowerInvariant())
            : LogRequestCheck.Refused($"The signature is not {address}'s for {method} {target}.");
    }
}
