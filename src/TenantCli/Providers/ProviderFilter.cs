namespace DePinGpu.TenantCli.Providers;

/// <summary>A conjunction of terms: a provider matches when every term holds.</summary>
internal sealed record ProviderFilter(IReadOnlyList<FilterTerm> Terms)
{
    /// <summary>True when every term holds for <paramref name="row"/>. A price or seen term never holds for a provider no node has heard on the capacity gossip.</summary>
    public bool Matches(ProviderRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Terms.All(term => Holds(term, row));
    }

    /// <summary>The filter written back in its syntax.</summary>
    public override string ToString() => string.Join(' ', Terms);

    private static bool Holds(FilterTerm term, ProviderRow row) => term.Field switch
    {
        FilterField.Gpu => string.Equals(row.GpuModel, term.Text, StringComparison.OrdinalIgnoreCase) == (term.Operator == FilterOperator.Equal),
        FilterField.Jailed => (row.Jailed == term.Flag) == (term.Operator == FilterOperator.Equal),
        FilterField.Live => (row.Live == term.Flag) == (term.Operator == FilterOperator.Equal),
        FilterField.Gpus => Compare(row.GpuCount, term),
        FilterField.Vram => Compare(row.VramGb, term),
        FilterField.Stake => Compare(StakeTokens(row.StakeWei), term),
        FilterField.Price => row.PricePerGpuHour is { } price && Compare(price, term),
        _ => row.SeenSecondsAgo is { } seconds && Compare(seconds, term),
    };

    private static decimal StakeTokens(System.Numerics.BigInteger wei) =>
        wei > new System.Numerics.BigInteger(decimal.MaxValue) ? decimal.MaxValue : (decimal)wei / 1_000_000_000_000_000_000m;

    private static bool Compare(decimal value, FilterTerm term) => term.Operator switch
    {
        FilterOperator.Equal => value == term.Number,
        FilterOperator.NotEqual => value != term.Number,
        FilterOperator.Less => value < term.Number,
        FilterOperator.LessOrEqual => value <= term.Number,
        FilterOperator.Greater => value > term.Number,
        _ => value >= term.Number,
    };
}
