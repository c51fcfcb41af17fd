using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Configuration;

/// <summary>
/// Registers an options record the one way every <c>AddX</c> of the libraries does: bound from a configuration section
/// (or given as a record), checked by a <see cref="SectionValidator{TOptions}"/> and validated when the host starts.
/// </summary>
public static class OptionsServiceCollectionExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and validates it on start.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration section, Func<string, SectionValidator<TOptions>> validator)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(validator);
        var path = section is IConfigurationSection named ? named.Path : string.Empty;
        services.AddSingleton<IValidateOptions<TOptions>>(validator(path));
        services.AddOptions<TOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        return services;
    }

    /// <summary>Uses <paramref name="options"/> as given (reported under <paramref name="section"/>) and validates it on start.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(
        this IServiceCollection services, TOptions options, string section, Func<string, SectionValidator<TOptions>> validator)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        services.AddSingleton<IValidateOptions<TOptions>>(validator(section));
        services.AddOptions<TOptions>().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<IOptionsFactory<TOptions>>(provider =>
            new FixedOptionsFactory<TOptions>(options, provider.GetServices<IValidateOptions<TOptions>>())));
        return services;
    }
}
