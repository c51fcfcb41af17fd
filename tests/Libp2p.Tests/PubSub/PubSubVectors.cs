using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>The <c>gossipsub_strictsign</c> vectors of the libp2p wire vectors kept under tests/.</summary>
internal static class PubSubVectors
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
    {
        var path = RepositoryPaths.Libp2pVectorsFile;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("gossipsub_strictsign").Clone();
    });

    public static string Get(string name) => Vectors.Value.GetProperty(name).GetString()!;
}
