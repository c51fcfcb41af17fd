using System.Text.Json;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>
/// A provider's metadata document (schema 1), the raw JSON block its registry entry names by CID:
/// <c>{"schemaVersion":1,"apiUrl":"http://host:port/","peerId":"16U…","multiaddrs":[…]}</c>.
/// </summary>
internal sealed record ProviderMetadata(Uri ApiUrl, string PeerId, IReadOnlyList<string> Multiaddrs)
{
    /// <summary>The largest metadata block read.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Parses the block; null with a reason when it is not schema-1 metadata with an http(s) apiUrl.</summary>
    public static (ProviderMetadata? Metadata, string? Problem) Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length > MaxBytes)
        {
            return (null, $"the metadata is {block.Length} bytes, more than {MaxBytes}");
        }

        try
        {
            var reader = new Utf8JsonReader(block);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                return (null, "the metadata is not a schemaVersion 1 object");
            }

            if (!root.TryGetProperty("apiUrl", out var api) || api.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(api.GetString(), UriKind.Absolute, out var apiUrl) || (apiUrl.Scheme != Uri.UriSchemeHttp && apiUrl.Scheme != Uri.UriSchemeHttps))
            {
                return (null, "the metadata has no http(s) apiUrl");
            }

            var peerId = root.TryGetProperty("peerId", out var peer) && peer.ValueKind == JsonValueKind.String ? peer.GetString()! : string.Empty;
            var multiaddrs = root.TryGetProperty("multiaddrs", out var addresses) && addresses.ValueKind == JsonValueKind.Array
                ? addresses.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).Take(32).ToArray()
                : [];
            return (new ProviderMetadata(apiUrl, peerId, multiaddrs), null);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return (null, "the metadata is not valid JSON");
        }
    }
}
