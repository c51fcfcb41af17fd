using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nethereum.Util;

namespace DePinGpu.Protocol.Deployment;

/// <summary>Reads the fields of a deployment file strictly, naming the file and field in every error.</summary>
internal sealed class DeploymentJsonReader(JsonObject root, string source)
{
    public JsonObject Root => root;

    public JsonObject Object(string name) =>
        root[name] as JsonObject ?? throw Missing(name, "an object");

    public string Text(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Missing(name, "a string");

    public ulong Number(JsonObject parent, string name) =>
        parent[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<ulong>(out var number)
            ? number
            : throw Missing(name, "a non-negative integer");

    public BigInteger Amount(JsonObject parent, string name)
    {
        var text = Text(parent, name);
        return text.Length is > 0 and <= 78 && text.All(char.IsAsciiDigit)
            ? DeploymentFile.ParseAmount(text)
            : throw Missing(name, "a decimal string of a token amount");
    }

    public string Address(JsonObject parent, string name)
    {
        var text = Text(parent, name);
        if (!text.IsValidEthereumAddressHexFormat())
        {
            throw Missing(name, "a 0x-prefixed 20-byte address");
        }

        return text.ConvertToEthereumChecksumAddress();
    }

    public DateTimeOffset Time(JsonObject parent, string name) =>
        DateTimeOffset.TryParse(Text(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Missing(name, "an ISO-8601 UTC time");

    private DeploymentFileException Missing(string name, string what) =>
        new($"{source}: the field '{name}' must be {what}; fix or regenerate the deployment file.");
}
