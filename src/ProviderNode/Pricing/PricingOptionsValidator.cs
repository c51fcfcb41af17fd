using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Refuses bad pricing settings at start-up, naming the key and the reason.</summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = PricingOptions.Section;
        foreach (var (model, price) in options.PerGpuSecond)
        {
            if (PriceText.Parse(price) is null)
            {
                failures.Add($"{section}:PerGpuSecond:{model} must be a whole number of token base units, found \"{price}\".");
            }
        }

        if (options.DefaultPerGpuSecond is { } fallback && PriceText.Parse(fallback) is null)
        {
            failures.Add($"{section}:DefaultPerGpuSecond must be a whole number of token base units, found \"{fallback}\".");
        }

        if (options.Script is { } script && !File.Exists(script))
        {
            failures.Add($"{section}:Script {script} does not exist.");
        }

        if (options.ScriptTimeout <= TimeSpan.Zero || options.ScriptTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:ScriptTimeout must be above 0 and at most 00:01:00, found {options.ScriptTimeout}.");
        }

        if (options.Script is null && options.PerGpuSecond.Count == 0 && options.DefaultPerGpuSecond is null)
        {
            failures.Add($"{section} needs a price: PerGpuSecond, DefaultPerGpuSecond or Script.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
