using DePinGpu.ProviderNode.Bidding;
using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Tests.Bidding;

public sealed class BiddingOptionsTests
{
    [Fact]
    public void UnknownRuntime_IsAClearErrorNamingTheKeyAndTheValue()
    {
        var options = Bind(new() { ["Bidding:AllowedRuntimes:0"] = "docker", ["Bidding:AllowedRuntimes:1"] = "kvm" });

        var result = new SectionOptionsValidator<BiddingOptions>("Bidding").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("Bidding:AllowedRuntimes contains the unknown runtime 'kvm'; use docker or process.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("Bidding:AllowedRuntimes:0", "1")]
    [InlineData("Bidding:SpecWait", "00:11:00")]
    public void BadValue_FailsValidation(string key, string value) =>
        Assert.True(new SectionOptionsValidator<BiddingOptions>("Bidding").Validate(null, Bind(new() { [key] = value })).Failed);

    [Fact]
    public void DefaultsAndProcessRuntime_AreValid()
    {
        var options = Bind(new() { ["Bidding:AllowedRuntimes:0"] = "Process" });

        Assert.Empty(options.Validate());
        Assert.Equal([DePinGpu.Protocol.JobSpecs.WorkloadRuntimeKind.Process], options.Runtimes);
    }

    [Theory]
    [InlineData("Bidding:PricePerGpuSecond", "1000", "Bidding:PricePerGpuSecond has moved: set Pricing:DefaultPerGpuSecond")]
    [InlineData("Bidding:GpuModel", "RTX4090", "Bidding:GpuModel, GpuCount and VramGb have moved")]
    [InlineData("Bidding:GpuCount", "1", "Bidding:GpuModel, GpuCount and VramGb have moved")]
    [InlineData("Bidding:VramGb", "24", "Bidding:GpuModel, GpuCount and VramGb have moved")]
    public void MovedKey_IsAnErrorSayingWhereItWent(string key, string value, string expected)
    {
        var result = new SectionOptionsValidator<BiddingOptions>("Bidding").Validate(null, Bind(new() { [key] = value }));

        Assert.True(result.Failed);
        Assert.StartsWith(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    private static BiddingOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Bidding").Get<BiddingOptions>() ?? new BiddingOptions();
}
