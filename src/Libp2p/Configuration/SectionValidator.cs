using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Configuration;

/// <summary>
/// The one validation style of the libraries: an <see cref="IValidateOptions{TOptions}"/> that knows the configuration
/// section its options come from and reports every problem with its full key. Subclasses list the checks.
/// </summary>
/// <typeparam name="TOptions">The validated options record.</typeparam>
public abstract class SectionValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <summary>Validates options bound from <paramref name="section"/>.</summary>
    protected SectionValidator(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Section = section;
    }

    /// <summary>The configuration section (path) the options come from.</summary>
    public string Section { get; }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new ConfigurationProblems(Section);
        Check(options, problems);
        return problems.ToResult();
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem (for use without dependency injection).</summary>
    public void ThrowIfInvalid(TOptions options)
    {
        var result = Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }

    /// <summary>Adds every problem of <paramref name="options"/> to <paramref name="problems"/>.</summary>
    protected abstract void Check(TOptions options, ConfigurationProblems problems);
}
