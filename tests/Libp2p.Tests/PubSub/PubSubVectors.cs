using System.Text.Json;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>The <c>gossipsub_strictsign</c> vectors of the libp2p reference, from the copy in this project (Vectors/).</summary>
internal static class PubSubVectors
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "libp2p-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("gossipsub_strictsign").Clone();
    });

    public static string Get(string name) => Vectors.Value.GetProperty(name).GetString()!;
}
