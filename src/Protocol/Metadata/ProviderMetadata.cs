using System.Text.Json;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Protocol.Metadata;

/// <summary>
/// A provider's metadata document (the raw block its registry entry's <c>metadataCid</c> names, written by
/// <c>depin-node register</c>, read by nodes and by the tenant CLI):
/// <c>{"schemaVersion":1,"apiUrl":"…","peerId":"16U…","multiaddrs":["/ip4/…/tcp/…"]}</c>.
/// </summary>
/// <param name="ApiUrl">The node's HTTP API base URL.</param>
/// <param name="PeerId">The node's peer id (must be the registered operator's).</param>
/// <param name="Multiaddrs">Where the node listens.</param>
public sealed record ProviderMetadata(Uri ApiUrl, PeerId PeerId, IReadOnlyList<Multiaddr> Multiaddrs)
{
    /// <summary>The document version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The document's bytes (UTF-8 JSON, fields in the order above): what <c>depin-node register</c> stores and names by CID.</summary>
    public byte[] ToDocument()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("apiUrl", ApiUrl.ToString());
            writer.WriteString("peerId", PeerId.ToString());
            writer.WriteStartArray("multiaddrs");
            foreach (var multiaddr in Multiaddrs)
            {
                writer.WriteStringValue(multiaddr.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
