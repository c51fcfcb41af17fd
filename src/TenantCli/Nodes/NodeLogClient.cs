using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>
/// Reads a lease's workload output from a provider's node: <c>GET /leases/{id}/logs?after=N</c>, signed by the
/// tenant (EIP-191 over chain, method, target and expiry; docs/node-api.md).
/// </summary>
internal sealed class NodeLogClient : IDisposable
{
    /// <summary>How long a signature stays valid (the node accepts at most 10 minutes).</summary>
    private static readonly TimeSpan SignatureLifetime = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly WalletKey _tenant;
    private readonly ulong _chainId;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Creates the client; nothing is sent yet.</summary>
    public NodeLogClient(WalletKey tenant, ulong chainId)
    {
        _tenant = tenant;
        _chainId = chainId;
    }

    /// <summary>The lines after <paramref name="after"/>; transport faults throw <see cref="HttpRequestException"/>.</summary>
    public async Task<LogReadResult> ReadAsync(Uri api, BigInteger leaseId, long after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var target = string.Create(CultureInfo.InvariantCulture, $"/leases/{leaseId}/logs?after={after}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, target));
        foreach (var (name, value) in TenantRequestSigner.Sign(_tenant, _chainId, "GET", target, DateTimeOffset.UtcNow + SignatureLifetime))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => new LogReadResult(LogReadStatus.Lines, JsonSerializer.Deserialize<LogLine[]>(body, Json) ?? [], string.Empty),
            HttpStatusCode.NotFound => new LogReadResult(LogReadStatus.NotRunning, [], Detail(body)),
            _ => new LogReadResult(LogReadStatus.Refused, [], $"{(int)response.StatusCode}: {Detail(body)}"),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()!
                : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
