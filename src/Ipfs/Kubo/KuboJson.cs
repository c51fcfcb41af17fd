using System.Globalization;
using System.Text.Json;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>Typed reads of Kubo's JSON answers; a missing or mistyped field is an <see cref="InvalidDataException"/> naming the command.</summary>
internal static class KuboJson
{
    public static string String(JsonElement element, string name, string command) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Malformed(command, $"has no string field {name}");

    public static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static Cid Cid(string text, string command)
    {
        try
        {
            return Libp2p.Multiformats.Cid.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"Kubo {command} answered with an invalid CID: {exception.Message}", exception);
        }
    }

    /// <summary>Kubo writes sizes as decimal strings (<c>"Size":"1048784"</c>); numbers are accepted too.</summary>
    public static ulong Size(JsonElement element, string name, string command)
    {
        if (element.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
            {
                return number;
            }
        }

        throw Malformed(command, $"has no size field {name}");
    }

    public static IReadOnlyList<Cid> CidArray(JsonElement element, string name, string command)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(command, $"has no array field {name}");
        }

        return [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? Cid(item.GetString()!, command) : throw Malformed(command, $"lists a non-string in {name}"))];
    }

    public static KuboPinType PinType(string text, string command) => text switch
    {
        "direct" => KuboPinType.Direct,
        "indirect" => KuboPinType.Indirect,
        "recursive" => KuboPinType.Recursive,
        _ when text.StartsWith("indirect", StringComparison.Ordinal) => KuboPinType.Indirect,
        _ => throw Malformed(command, $"names an unknown pin type '{text}'"),
    };

    public static InvalidDataException Malformed(string command, string what) => new($"Kubo {command} answered with JSON that {what}.");
}
