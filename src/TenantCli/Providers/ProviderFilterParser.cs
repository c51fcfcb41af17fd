using System.Globalization;

namespace DePinGpu.TenantCli.Providers;

/// <summary>
/// Parses filter expressions such as <c>gpu=RTX4090 vram&gt;=24 price&lt;0.5</c>: terms separated by spaces, all of
/// which must hold. Fields: gpu (text), gpus, vram, stake, price (tokens per GPU-hour), seen (seconds ago; both from the capacity gossip) (numbers), jailed, live (true/false). Input is
/// bounded (512 characters, 16 terms); every refusal names the term and says what is allowed.
/// </summary>
internal static class ProviderFilterParser
{
    /// <summary>The longest expression accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>The most terms accepted.</summary>
    public const int MaxTerms = 16;

    private static readonly string[] Operators = ["!=", ">=", "<=", "=", ">", "<"];

    /// <summary>Parses <paramref name="expression"/> (empty: matches every provider).</summary>
    public static ProviderFilterParseResult Parse(string? expression)
    {
        expression ??= string.Empty;
        if (expression.Length > MaxLength)
        {
            return ProviderFilterParseResult.Invalid($"The filter is {expression.Length} characters; at most {MaxLength}.");
        }

        var words = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxTerms)
        {
            return ProviderFilterParseResult.Invalid($"The filter has {words.Length} terms; at most {MaxTerms}.");
        }

        var terms = new List<FilterTerm>();
        foreach (var word in words)
        {
            var (term, error) = ParseTerm(word);
            if (term is null)
            {
                return ProviderFilterParseResult.Invalid(error!);
            }

            terms.Add(term);
        }

        return ProviderFilterParseResult.Valid(new ProviderFilter(terms));
    }

    private static (FilterTerm? Term, string? Error) ParseTerm(string word)
    {
        var (index, symbol) = Operators.Select(op => (Index: word.IndexOf(op, StringComparison.Ordinal), Op: op))
            .Where(found => found.Index > 0)
            .OrderBy(found => found.Index).ThenByDescending(found => found.Op.Length)
            .FirstOrDefault();
        if (symbol is null)
        {
            return (null, $"'{word}' is not a term: write field, operator, value with no spaces, e.g. gpu=RTX4090 or vram>=24.");
        }

        var name = word[..index];
        var value = word[(index + symbol.Length)..];
        if (!Enum.TryParse<FilterField>(name, ignoreCase: true, out var field) || !name.All(char.IsAsciiLetter))
        {
            return (null, $"Unknown field '{name}' in '{word}'; the fields are gpu, gpus, vram, stake, price, seen, jailed, live.");
        }

        var op = symbol switch
        {
            "=" => FilterOperator.Equal,
            "!=" => FilterOperator.NotEqual,
            "<" => FilterOperator.Less,
            "<=" => FilterOperator.LessOrEqual,
            ">" => FilterOperator.Greater,
            _ => FilterOperator.GreaterOrEqual,
        };
        return field switch
        {
            FilterField.Gpu => TextTerm(word, field, op, value),
            FilterField.Jailed or FilterField.Live => FlagTerm(word, field, op, value),
            _ => NumberTerm(word, field, op, value),
        };
    }

    private static (FilterTerm?, string?) TextTerm(string word, FilterField field, FilterOperator op, string value)
    {
        if (op is not (FilterOperator.Equal or FilterOperator.NotEqual))
        {
            return (null, $"'{word}': gpu compares with = or != only.");
        }

        return value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? (new FilterTerm(field, op, value, 0, false), null)
            : (null, $"'{word}': a GPU model is 1 to 64 letters, digits, '-', '_' or '.'.");
    }

    private static (FilterTerm?, string?) FlagTerm(string word, FilterField field, FilterOperator op, string value)
    {
        if (op is not (FilterOperator.Equal or FilterOperator.NotEqual))
        {
            return (null, $"'{word}': {field.ToString().ToLowerInvariant()} compares with = or != only.");
        }

        return value switch
        {
            "true" => (new FilterTerm(field, op, value, 0, true), null),
            "false" => (new FilterTerm(field, op, value, 0, false), null),
            _ => (null, $"'{word}': {field.ToString().ToLowerInvariant()} is true or false."),
        };
    }

    private static (FilterTerm?, string?) NumberTerm(string word, FilterField field, FilterOperator op, string value) =>
        value.Length is > 0 and <= 30 && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? (new FilterTerm(field, op, value, number, false), null)
            : (null, $"'{word}': {field.ToString().ToLowerInvariant()} takes a non-negative number such as 24 or 0.5.");
}
