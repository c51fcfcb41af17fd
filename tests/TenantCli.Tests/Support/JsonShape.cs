using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// The shape of a JSON document (every field path and its kind, values left out) compared against a snapshot file in
/// tests/TenantCli.Tests/Snapshots: a renamed, removed or retyped field fails the test. DEPIN_UPDATE_SNAPSHOTS=1 writes
/// the snapshot instead (review the diff).
/// </summary>
public static class JsonShape
{
    /// <summary>The document's shape, one "path: kind" a line, sorted.</summary>
    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        Walk(document.RootElement, "$", lines);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Asserts that <paramref name="json"/> has the shape in Snapshots/<paramref name="name"/>.shape.</summary>
    public static void Matches(string name, string json)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "TenantCli.Tests", "Snapshots", name + ".shape");
        var shape = Of(json);
        if (Environment.GetEnvironmentVariable("DEPIN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, shape);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run with DEPIN_UPDATE_SNAPSHOTS=1 to write it.");
        Assert.Equal(File.ReadAllText(path), shape);
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> lines)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                lines.Add(path + ": object");
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "." + property.Name, lines);
                }

                break;
            case JsonValueKind.Array:
                lines.Add(path + ": array");
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]", lines);
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                lines.Add(path + ": boolean");
                break;
            default:
                lines.Add(path + ": " + element.ValueKind.ToString().ToLowerInvariant());
                break;
        }
    }
}
