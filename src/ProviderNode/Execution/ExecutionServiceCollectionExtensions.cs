using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Registers the execution subsystem.</summary>
public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Docker runtime, the process runtime (it refuses every start unless <c>Execution:EnableProcessRuntime</c>),
    /// the supervisor and validated <see cref="ExecutionOptions"/> bound to <c>Execution</c>.
    /// </summary>
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>());
        services.TryAddSingleton<ExecutionMetrics>();
        services.TryAddSingleton<DockerWorkloadRuntime>();
        services.TryAddSingleton<ProcessWorkloadRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkloadRuntime, DockerWorkloadRuntime>(provider => provider.GetRequiredService<DockerWorkloadRuntime>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkloadRuntime, ProcessWorkloadRuntime>(provider => provider.GetRequiredService<ProcessWorkloadRuntime>()));
        services.TryAddSingleton<WorkloadSupervisor>();
        return services;
    }
}
