using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Asks a provider's node where it serves a lease's workload: <c>GET /leases/{id}/service</c>, signed by the tenant
/// like the logs requests. The answer is checked: it must point at the same node and name a health path.
/// </summary>
internal sealed class NodeServiceClient : IDisposable
{
    private static readonly TimeSpan SignatureLifetime = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly WalletKey _tenant;
    private readonly ulong _chainId;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5), MaxResponseContentBufferSize = 64 * 1024 };

    /// <summary>Creates the client; nothing is sent yet.</summary>
    public NodeServiceClient(WalletKey tenant, ulong chainId)
    {
        _tenant = tenant;
        _chainId = chainId;
    }

    /// <summary>The lease's service address at <paramref name="api"/>; null while that node serves no workload for it.</summary>
    public async Task<ServiceAddress?> FindAsync(Uri api, BigInteger leaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var target = string.Create(CultureInfo.InvariantCulture, $"/leases/{leaseId}/service");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, target));
        foreach (var (name, value) in TenantRequestSigner.Sign(_tenant, _chainId, "GET", target, DateTimeOffset.UtcNow + SignatureLifetime))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{api} refused the service address of lease {leaseId}: {(int)response.StatusCode} {body}");
        }

        var answer = JsonSerializer.Deserialize<ServiceAddress>(body, Json);
        if (answer?.Url is not { IsAbsoluteUri: true } url || url.Authority != api.Authority || url.Scheme != api.Scheme
            || answer.HealthPath is not { Length: > 0 and <= 256 } health || !health.StartsWith('/'))
        {
            throw new HttpRequestException($"{api} answered a service address for lease {leaseId} that is not on that node or lacks a health path.");
        }

        return answer;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
