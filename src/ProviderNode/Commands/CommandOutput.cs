using System.CommandLine;
using System.Text.Json;

namespace DePinGpu.ProviderNode.Commands;

/// <summary>The <c>-o text|json</c> option every command that prints data takes, and printing in either form.</summary>
internal static class CommandOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static bool IsJson(ParseResult result, Option<string> option) => result.GetValue(option) == "json";

    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Prints an error a user can act on (to stderr) and returns the exit code for it.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
