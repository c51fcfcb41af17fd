using System.Globalization;
using System.Text.Json;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>
/// Pinning Service API JSON, by hand: requests are written with <see cref="Utf8JsonWriter"/>, answers are read field by
/// field and validated (an unknown status, a bad CID or a missing field is an <see cref="InvalidDataException"/>).
/// </summary>
internal static class PinningServiceJson
{
    private const int MaxDelegates = 20;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static byte[] WritePin(RemotePin pin)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cid", pin.Cid.ToString());
            if (pin.Name is not null)
            {
                writer.WriteString("name", pin.Name);
            }

            if (pin.Origins.Count > 0)
            {
                writer.WriteStartArray("origins");
                foreach (var origin in pin.Origins)
                {
                    writer.WriteStringValue(origin);
                }

                writer.WriteEndArray();
            }

            if (pin.Meta.Count > 0)
            {
                writer.WritePropertyName("meta");
                WriteMap(writer, pin.Meta);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string WriteMeta(IReadOnlyDictionary<string, string> meta)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMap(writer, meta);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static RemotePinStatus ReadStatus(byte[] json) => Read(json, ParseStatus);

    public static RemotePinResults ReadResults(byte[] json) => Read(json, root =>
    {
        var count = root.TryGetProperty("count", out var value) && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Malformed("a PinResults without a valid count");
        var results = Property(root, "results", JsonValueKind.Array).EnumerateArray().Select(ParseStatus).ToList();
        return new RemotePinResults(count, results);
    });

    /// <summary>The <c>reason</c> and <c>details</c> of an error body, or null when it has another shape.</summary>
    public static (string Reason, string? Details)? ReadError(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                var details = error.TryGetProperty("details", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
                return (reason.GetString()!, details);
            }
        }
        catch (JsonException)
        {
            // Not the API's error shape: the caller reports the status alone.
        }

        return null;
    }

    private static T Read<T>(byte[] json, Func<JsonElement, T> parse)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The pinning service answered with malformed JSON: {exception.Message}", exception);
        }
    }

    private static RemotePinStatus ParseStatus(JsonElement element)
    {
        var requestId = Property(element, "requestid", JsonValueKind.String).GetString()!;
        if (requestId.Length is 0 or > 1024)
        {
            throw Malformed("a PinStatus with an empty or oversize requestid");
        }

        var status = Property(element, "status", JsonValueKind.String).GetString() switch
        {
            "queued" => RemotePinState.Queued,
            "pinning" => RemotePinState.Pinning,
            "pinned" => RemotePinState.Pinned,
            "failed" => RemotePinState.Failed,
            var other => throw Malformed($"an unknown status '{other}'"),
        };
        var createdText = Property(element, "created", JsonValueKind.String).GetString()!;
        if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created))
        {
            throw Malformed($"a created time '{createdText}' that is not RFC 3339");
        }

        var delegates = Property(element, "delegates", JsonValueKind.Array).EnumerateArray().Select(StringValue).ToList();
        if (delegates.Count > MaxDelegates)
        {
            throw Malformed($"more than {MaxDelegates} delegates");
        }

        var info = element.TryGetProperty("info", out var infoElement) && infoElement.ValueKind == JsonValueKind.Object ? ParseMap(infoElement) : new Dictionary<string, string>();
        return new RemotePinStatus(requestId, status, created, ParsePin(Property(element, "pin", JsonValueKind.Object)), delegates, info);
    }

    private static RemotePin ParsePin(JsonElement element)
    {
        var cidText = Property(element, "cid", JsonValueKind.String).GetString()!;
        if (!Cid.TryParse(cidText, out var cid))
        {
            throw Malformed($"an invalid pin CID '{cidText}'");
        }

        var name = element.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
        var origins = element.TryGetProperty("origins", out var originsElement) && originsElement.ValueKind == JsonValueKind.Array
            ? originsElement.EnumerateArray().Select(StringValue).ToList()
            : [];
        var meta = element.TryGetProperty("meta", out var metaElement) && metaElement.ValueKind == JsonValueKind.Object ? ParseMap(metaElement) : new Dictionary<string, string>();
        try
        {
            return new RemotePin(cid!, name, origins, meta);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The pinning service answered with a pin outside the API's limits: {exception.Message}", exception);
        }
    }

    private static Dictionary<string, string> ParseMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (map.Count >= RemotePin.MaxMetaEntries)
            {
                throw Malformed($"a map with more than {RemotePin.MaxMetaEntries} entries");
            }

            map[property.Name] = StringValue(property.Value);
        }

        return map;
    }

    private static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw Malformed($"no {kind.ToString().ToLowerInvariant()} field '{name}'");

    private static string StringValue(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Malformed("a non-string where a string belongs");

    private static InvalidDataException Malformed(string what) => new($"The pinning service answered with {what}.");
}
