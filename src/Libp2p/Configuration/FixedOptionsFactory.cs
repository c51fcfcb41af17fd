using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Configuration;

/// <summary>
/// Serves one given immutable options record through the options system, still running every registered
/// <see cref="IValidateOptions{TOptions}"/> (so <c>ValidateOnStart</c> applies to options built in code as to bound ones).
/// Needed because options records have <c>init</c> properties that <c>Configure(Action)</c> cannot set.
/// </summary>
/// <typeparam name="TOptions">The options record.</typeparam>
internal sealed class FixedOptionsFactory<TOptions>(TOptions options, IEnumerable<IValidateOptions<TOptions>> validators) : IOptionsFactory<TOptions>
    where TOptions : class
{
    public TOptions Create(string name)
    {
        var failures = validators.Select(validator => validator.Validate(name, options)).Where(result => result.Failed).SelectMany(result => result.Failures ?? []).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(TOptions), failures);
        }

        return options;
    }
}
