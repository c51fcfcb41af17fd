using System.Globalization;

namespace DePinGpu.TenantCli.Providers;

/// <summary>One term such as <c>vram&gt;=24</c>: the field, the comparison and the value (text for gpu, a number or a boolean otherwise).</summary>
internal sealed record FilterTerm(FilterField Field, FilterOperator Operator, string Text, decimal Number, bool Flag)
{
    /// <summary>The operator as written.</summary>
    public static string Symbol(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>The term written back in the filter syntax (parses to an equal term).</summary>
    public override string ToString() => Field.ToString().ToLowerInvariant() + Symbol(Operator) + Field switch
    {
        FilterField.Gpu => Text,
        FilterField.Jailed or FilterField.Live => Flag ? "true" : "false",
        _ => Number.ToString(CultureInfo.InvariantCulture),
    };
}
