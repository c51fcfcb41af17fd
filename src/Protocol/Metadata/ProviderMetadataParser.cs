using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Protocol.Metadata;

/// <summary>
/// Reads provider metadata documents from untrusted blocks (a node discovering peers, the tenant CLI finding a node's
/// API): bounded, schema version 1, every field checked. The one parser of this format.
/// </summary>
public static class ProviderMetadataParser
{
    /// <summary>Largest metadata document accepted.</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>Most multiaddrs one document may list.</summary>
    public const int MaxMultiaddrs = 16;

    /// <summary>Parses <paramref name="bytes"/>; false with the reason when it is not a valid version-1 document.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out ProviderMetadata? metadata, [NotNullWhen(false)] out string? error)
    {
        metadata = null;
        if (bytes.Length > MaxBytes)
        {
            error = $"The metadata is {bytes.Length} bytes; at most {MaxBytes} are accepted.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            metadata = Read(document.RootElement);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            error = "The metadata is not a valid version-1 document: " + exception.Message;
            return false;
        }
    }

    private static ProviderMetadata Read(JsonElement root)
    {
        if (root.GetProperty("schemaVersion").GetInt32() != ProviderMetadata.SchemaVersion)
        {
            throw new FormatException("schemaVersion must be 1.");
        }

        var apiUrl = Uri.TryCreate(root.GetProperty("apiUrl").GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException("apiUrl must be an absolute http(s) URL.");
        var peerId = PeerId.Parse(root.GetProperty("peerId").GetString() ?? throw new FormatException("peerId must be a string."));
        var list = root.GetProperty("multiaddrs");
        if (list.GetArrayLength() > MaxMultiaddrs)
        {
            throw new FormatException($"multiaddrs lists more than {MaxMultiaddrs} addresses.");
        }

        var multiaddrs = list.EnumerateArray()
            .Select(item => Multiaddr.Parse(item.GetString() ?? throw new FormatException("multiaddrs must hold strings.")))
            .ToArray();
        return new ProviderMetadata(apiUrl, peerId, multiaddrs);
    }
}
