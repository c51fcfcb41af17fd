using System.Text.Json;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Metadata;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>
/// Finds a provider's node API. First its registry metadata: the raw block named by <c>metadataCid</c>, fetched from a
/// configured gateway (<c>GET /ipfs/{cid}?format=raw</c>) and accepted only when it hashes to that CID. Else the
/// configured nodes themselves: a node whose <c>GET /status</c> names the provider as its owner is that provider's node.
/// </summary>
internal sealed class ProviderDirectory : IDisposable
{
    private readonly RegistryClient _registry;
    private readonly IReadOnlyList<Uri> _gateways;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<string, Uri> _found = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the directory; nothing is fetched yet.</summary>
    public ProviderDirectory(RegistryClient registry, IReadOnlyList<Uri> gateways)
    {
        _registry = registry;
        _gateways = gateways;
    }

    /// <summary>The provider's node API base URL; throws <see cref="CliException"/> (node unreachable) when none is found.</summary>
    public async Task<Uri> ApiOfAsync(string provider, CancellationToken cancellationToken)
    {
        if (_found.TryGetValue(provider, out var known))
        {
            return known;
        }

        var details = await _registry.GetProviderAsync(provider, cancellationToken).ConfigureAwait(false);
        var api = (details?.MetadataCid is { } cid ? await FromMetadataAsync(cid, cancellationToken).ConfigureAwait(false) : null)
            ?? await FromStatusAsync(provider, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(
                $"Cannot find provider {provider}'s node: no configured gateway serves its metadata ({details?.MetadataCid?.ToString() ?? "no CID"}) and no configured node reports it as owner; add its node API URL to gateways (--gateway).",
                ExitCodes.NodeUnreachable);
        _found[provider] = api;
        return api;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<Uri?> FromMetadataAsync(Cid cid, CancellationToken cancellationToken)
    {
        foreach (var gateway in _gateways)
        {
            var block = await FetchBlockAsync(gateway, cid, cancellationToken).ConfigureAwait(false);
            if (block is not null && ProviderMetadataParser.TryParse(block, out var metadata, out _))
            {
                return metadata.ApiUrl;
            }
        }

        return null;
    }

    private async Task<byte[]?> FetchBlockAsync(Uri gateway, Cid cid, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(gateway, $"ipfs/{cid}?format=raw"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > ProviderMetadataParser.MaxBytes)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

            // Trustless: a gateway's bytes count only if they are the block the registry names.
            return bytes.Length <= ProviderMetadataParser.MaxBytes && Cid.ForBlock(cid.Codec, bytes) == cid ? bytes : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<Uri?> FromStatusAsync(string provider, CancellationToken cancellationToken)
    {
        foreach (var gateway in _gateways)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(gateway, "status"), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("owner", out var owner)
                    && owner.ValueKind == JsonValueKind.String && string.Equals(owner.GetString(), provider, StringComparison.OrdinalIgnoreCase))
                {
                    return gateway;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                // This node is down or not a depin-node: try the next one.
            }
        }

        return null;
    }
}
