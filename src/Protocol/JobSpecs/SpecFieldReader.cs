using System.Globalization;
using System.Text.Json;

namespace DePinGpu.Protocol.JobSpecs;

/// <summary>
/// Reads the fields of one JSON object of a spec and records a <see cref="JobSpecError"/> for each missing, mistyped,
/// out-of-range or unknown field, so a tenant sees every problem at once instead of the first.
/// </summary>
internal sealed class SpecFieldReader
{
    private readonly List<JobSpecError> _errors;
    private readonly JsonElement _element;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public SpecFieldReader(JsonElement element, string path, List<JobSpecError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public List<JobSpecError> Errors => _errors;

    public bool IsObject => _element.ValueKind == JsonValueKind.Object;

    public static SpecFieldReader? ForObject(JsonElement element, string path, List<JobSpecError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new SpecFieldReader(element, path, errors);
        }

        errors.Add(new JobSpecError(path, $"must be an object, found {Describe(element)}"));
        return null;
    }

    public void Error(string field, string message) => _errors.Add(new JobSpecError(Child(field), message));

    public string Child(string field) => $"{Path}.{field}";

    public JsonElement? Field(string name)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public long? Integer(string name, long minimum, long maximum, bool required = false)
    {
        if (Field(name) is not { } value)
        {
            if (required)
            {
                Error(name, "is required");
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        Error(name, $"must be a whole number from {minimum} to {maximum}, found {Describe(value)}");
        return null;
    }

    public double? Number(string name, double exclusiveMinimum, double maximum)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number > exclusiveMinimum && number <= maximum)
        {
            return number;
        }

        Error(name, $"must be a number above {exclusiveMinimum} and at most {maximum}, found {Describe(value)}");
        return null;
    }

    public bool? Boolean(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(name, $"must be true or false, found {Describe(value)}");
        return null;
    }

    public string? Text(string name, int maximumLength, bool required = false)
    {
        if (Field(name) is not { } value)
        {
            if (required)
            {
                Error(name, "is required");
            }

            return null;
        }

        return TextValue(value, Child(name), maximumLength, _errors);
    }

    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var text = Text(name, 32, required);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var choice))
        {
            return choice;
        }

        Error(name, $"must be one of {string.Join(", ", choices.Keys.Select(key => $"\"{key}\""))}, found \"{text}\"");
        return null;
    }

    /// <summary>Records an error for every property this reader was not asked about.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                _errors.Add(new JobSpecError(Child(property.Name), $"is not a field of this schema (known: {string.Join(", ", _known)})"));
            }
        }
    }

    public static string? TextValue(JsonElement value, string path, int maximumLength, List<JobSpecError> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new JobSpecError(path, $"must be a string, found {Describe(value)}"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maximumLength)
        {
            errors.Add(new JobSpecError(path, $"is {text.Length} characters long; at most {maximumLength} are allowed"));
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new JobSpecError(path, "must not contain a NUL character"));
            return null;
        }

        return text;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {value.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
