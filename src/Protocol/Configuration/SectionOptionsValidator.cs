using Microsoft.Extensions.Options;

namespace DePinGpu.Protocol.Configuration;

/// <summary>
/// Validates options bound from the configuration section <c>sectionPath</c>: each problem is reported with the full
/// key (<c>Chain:Transactions:FeeBumpPercent must …</c>), so the message says what to change where.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class SectionOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, IValidatedOptions
{
    private readonly string _sectionPath;

    /// <summary>Creates a validator of the options bound from <paramref name="sectionPath"/>.</summary>
    public SectionOptionsValidator(string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        _sectionPath = sectionPath;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var prefix = _sectionPath.Length == 0 ? string.Empty : _sectionPath + ":";
        return ValidateOptionsResult.Fail(problems.Select(problem => prefix + problem));
    }
}
