namespace DePinGpu.TenantCli.Providers;

/// <summary>A parsed filter, or the reason it is not one (bad input is an expected outcome, not an exception).</summary>
internal sealed record ProviderFilterParseResult(ProviderFilter? Filter, string? Error)
{
    /// <summary>A filter.</summary>
    public static ProviderFilterParseResult Valid(ProviderFilter filter) => new(filter, null);

    /// <summary>A refusal with its reason.</summary>
    public static ProviderFilterParseResult Invalid(string error) => new(null, error);
}
