using System.CommandLine;
using System.Text.Json;

namespace DePinGpu.ProviderNode.Commands;

/// <summary>The <c>-o text|json</c> option every command that prints data takes, and printing in either form.</summary>
public static class CommandOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Creates the <c>-o text|json</c> option.</summary>
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>Whether <paramref name="option"/> asks for JSON.</summary>
    public static bool IsJson(ParseResult result, Option<string> option) => result.GetValue(option) == "json";

    /// <summary>Prints <paramref name="value"/> as one JSON document.</summary>
    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Prints an error a user can act on (to stderr) and returns the exit code for it.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    /// <summary>Prints <paramref name="fields"/> as text lines, or as one JSON document when <paramref name="format"/> is json.</summary>
    public static void Print(string format, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            var printable = fields.ToDictionary(
                pair => pair.Key,
                pair => pair.Value is System.Numerics.BigInteger big ? big.ToString(System.Globalization.CultureInfo.InvariantCulture) : pair.Value);
            WriteJson(printable);
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
        : throw new Cli.CommandInputException($"-o must be text or json, not '{value}'.");
}
