using System.Text.Json;

namespace DePinGpu.Libp2p.Tests.Vectors;

/// <summary>The shared wire vectors (computed with @libp2p/crypto), copied next to the tests.</summary>
internal static class Libp2pVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "libp2p-vectors.json"))));

    public static string Text(string section, string name) =>
        Document.Value.RootElement.GetProperty(section).GetProperty(name).GetString()!;

    public static byte[] Hex(string section, string name) => Convert.FromHexString(Text(section, name));
}
