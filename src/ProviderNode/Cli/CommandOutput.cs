using System.Text.Json;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>Prints a command's result as text lines or as one JSON document (<c>-o json</c>).</summary>
public static class CommandOutput
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Prints <paramref name="fields"/>.</summary>
    public static void Print(string format, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(fields.ToDictionary(pair => pair.Key, pair => pair.Value is System.Numerics.BigInteger big ? big.ToString(System.Globalization.CultureInfo.InvariantCulture) : pair.Value), Json));
            return;
        }

        foreach (var (name, value) in fields)
        {
            Console.Out.WriteLine($"{name}: {(value is JsonElement element ? element.GetRawText() : value)}");
        }
    }

    /// <summary>Checks the <c>-o</c> value.</summary>
    public static string Format(string? value) => value is "text" or "json"
        ? value
        : throw new CommandInputException($"-o must be text or json, not '{value}'.");
}
