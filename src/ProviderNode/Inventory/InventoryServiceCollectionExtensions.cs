using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Inventory;

/// <summary>Registers the GPU inventory.</summary>
public static class InventoryServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GpuInventory"/> and validated <see cref="InventoryOptions"/> bound to <c>Inventory</c>.</summary>
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InventoryOptions>, InventoryOptionsValidator>());
        services.TryAddSingleton<GpuInventory>();
        services.TryAddSingleton<CurrentCapacity>();
        return services;
    }
}
