using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>The <c>gossipsub_strictsign</c> vectors of the shared libp2p reference.</summary>
internal static class PubSubVectors
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.SharedReference, "libp2p-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("gossipsub_strictsign").Clone();
    });

    public static string Get(string name) => Vectors.Value.GetProperty(name).GetString()!;
}
