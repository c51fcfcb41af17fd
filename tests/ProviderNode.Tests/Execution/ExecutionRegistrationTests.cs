using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class ExecutionRegistrationTests
{
    [Fact]
    public async Task HostStart_WithABadSetting_FailsNamingTheKey()
    {
        using var host = Host(new Dictionary<string, string?> { ["Execution:NodeName"] = "two words", ["Pricing:DefaultPerGpuSecond"] = "1" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Execution:NodeName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithAnUnknownInventoryMode_Fails()
    {
        using var host = Host(new Dictionary<string, string?> { ["Inventory:Mode"] = "Quantum", ["Pricing:DefaultPerGpuSecond"] = "1" });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Quantum", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_GiveBothRuntimesAndTheConfiguredPricing()
    {
        using var host = Host(new Dictionary<string, string?> { ["Pricing:DefaultPerGpuSecond"] = "1" });
        await host.StartAsync();

        Assert.Equal(
            [DePinGpu.Protocol.JobSpecs.WorkloadRuntimeKind.Docker, DePinGpu.Protocol.JobSpecs.WorkloadRuntimeKind.Process],
            host.Services.GetServices<IWorkloadRuntime>().Select(runtime => runtime.Kind));
        Assert.IsType<ConfiguredPricingPolicy>(host.Services.GetRequiredService<IPricingPolicy>());
        await host.StopAsync();
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddExecution(configuration).AddInventory(configuration).AddPricing(configuration);
        return builder.Build();
    }
}
