using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Verifier;

public sealed class VerifierRegistrationTests
{
    [Fact]
    public void ProviderNode_RunsTheVerifierByDefault()
    {
        var services = new ServiceCollection().AddProviderNode(Configuration([]), WalletKey.Generate());

        Assert.Contains(services, HostsVerifier);
    }

    [Fact]
    public void ProviderNode_WithVerifierDisabled_RunsNoVerifier()
    {
        var services = new ServiceCollection().AddProviderNode(Configuration(new() { ["Verifier:Enabled"] = "false" }), WalletKey.Generate());

        Assert.DoesNotContain(services, HostsVerifier);
    }

    [Fact]
    public void InvalidVerifierSection_FailsValidationNamingTheSection()
    {
        using var provider = new ServiceCollection().AddVerifier(Configuration(new() { ["Verifier:Enabled"] = "false", ["Verifier:MaxBatch"] = "40" })).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VerifierOptions>>().Value);
        Assert.Contains(failure.Failures, message => message.Contains("Verifier", StringComparison.Ordinal) && message.Contains("MaxBatch 40", StringComparison.Ordinal));
    }

    private static bool HostsVerifier(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType == typeof(VerifierService);

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
