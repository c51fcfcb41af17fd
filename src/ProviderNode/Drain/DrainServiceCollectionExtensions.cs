using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>Registers the drain subsystem.</summary>
public static class DrainServiceCollectionExtensions
{
    /// <summary>Adds the coordinator, the drainer and the <see cref="DrainService"/>, with validated <see cref="DrainOptions"/> bound to <c>Drain</c>.</summary>
    public static IServiceCollection AddDrain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DrainOptions>().Bind(configuration.GetSection(DrainOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DrainOptions>>(new SectionOptionsValidator<DrainOptions>(DrainOptions.Section));
        services.AddSingleton<DrainCoordinator>();
        services.AddSingleton<LeaseDrainer>();
        services.AddHostedService<DrainService>();
        return services;
    }
}
