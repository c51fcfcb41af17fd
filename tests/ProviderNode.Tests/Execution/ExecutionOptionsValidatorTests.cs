using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class ExecutionOptionsValidatorTests
{
    private readonly ExecutionOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreValid() => Assert.True(_validator.Validate(null, new ExecutionOptions()).Succeeded);

    [Theory]
    [InlineData("Execution:NodeName")]
    [InlineData("Execution:DockerEndpoint")]
    [InlineData("Execution:ProcessStateDirectory")]
    [InlineData("Execution:LogBytesPerWorkload")]
    [InlineData("Execution:ServiceBindAddress")]
    public void InvalidSetting_FailsNamingTheKey(string key)
    {
        var options = key switch
        {
            "Execution:NodeName" => new ExecutionOptions { NodeName = "has space" },
            "Execution:DockerEndpoint" => new ExecutionOptions { DockerEndpoint = "tcp://10.0.0.1:2375" },
            "Execution:ProcessStateDirectory" => new ExecutionOptions { EnableProcessRuntime = true },
            "Execution:LogBytesPerWorkload" => new ExecutionOptions { LogBytesPerWorkload = 10 },
            _ => new ExecutionOptions { ServiceBindAddress = "localhost:80" },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
