using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Tests.Cli;

public sealed class ErrorReporterTests
{
    [Fact]
    public void Describe_TypedRevert_NamesTheErrorAndIsChainRejected()
    {
        var (sentence, exitCode) = ErrorReporter.Describe(new NotTenantException("cancel order", 7, "0x00000000000000000000000000000000000000aa"));
        Assert.Equal(ExitCodes.ChainRejected, exitCode);
        Assert.Equal("cancel order was rejected by the contract (NotTenant): 0x00000000000000000000000000000000000000aa did not place order 7; use the wallet that did (--wallet NAME; see `depin wallet list`).", sentence);
    }

    [Fact]
    public void Describe_EveryRegisteredContractError_IsChainRejectedWithItsName()
    {
        // Each selector the decoder knows, decoded from its bare selector (arguments absent), must still be named.
        var decoder = ContractErrors.CreateDecoder();
        Assert.NotEmpty(decoder.Selectors);
        foreach (var selector in decoder.Selectors)
        {
            var revert = decoder.Decode(selector, "test");
            var (sentence, exitCode) = ErrorReporter.Describe(revert);
            Assert.Equal(ExitCodes.ChainRejected, exitCode);
            Assert.Contains("(" + revert.ErrorName + ")", sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describe_ConfigurationAndTransportFaults_AreConfigurationErrors()
    {
        Assert.Equal(ExitCodes.Configuration, ErrorReporter.Describe(new ChainConfigurationException(["x"])).ExitCode);
        Assert.Equal(ExitCodes.Configuration, ErrorReporter.Describe(new RpcTransportException("refused")).ExitCode);
        Assert.Equal(ExitCodes.Configuration, ErrorReporter.Describe(new DePinGpu.Protocol.Deployment.DeploymentFileException("No deployment file at x.")).ExitCode);
        Assert.Equal(ExitCodes.NodeUnreachable, ErrorReporter.Describe(new HttpRequestException("refused")).ExitCode);
        Assert.Equal(ExitCodes.Interrupted, ErrorReporter.Describe(new OperationCanceledException()).ExitCode);
    }

    [Fact]
    public void Describe_UnexpectedFault_IsAnInternalErrorThatSaysSo()
    {
        var (sentence, exitCode) = ErrorReporter.Describe(new InvalidOperationException("boom"));
        Assert.Equal(ExitCodes.InternalError, exitCode);
        Assert.StartsWith("internal error (a bug in depin", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodes_AreDistinct() =>
        Assert.Equal(10, new[] { ExitCodes.Success, ExitCodes.CheckFailed, ExitCodes.Usage, ExitCodes.Configuration, ExitCodes.Wallet, ExitCodes.ChainRejected, ExitCodes.NotFound, ExitCodes.NodeUnreachable, ExitCodes.InternalError, ExitCodes.Interrupted }.Distinct().Count());

}
