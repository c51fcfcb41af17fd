using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Clients;

public sealed class ProtocolConnectionTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private readonly ProtocolChain _chain = fixture.Chain;

    private ChainOptions Options => _chain.Connection.Options;

    [Fact]
    public async Task Connect_WrongChainId_SaysWhichChainTheNodeIs()
    {
        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(Options with { ChainId = 5 }, null, CancellationToken.None));

        Assert.Contains(error.Problems, p => p.Contains("is chain 31337 but ChainId is 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_FallbackEndpointOnAnotherChain_IsAProblemNamingIt()
    {
        await using var other = await AnvilChain.StartAsync();
        await other.CallAsync("anvil_setChainId", 5);

        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(Options with { FallbackRpcUrls = [other.RpcUrl] }, null, CancellationToken.None));

        Assert.Contains(error.Problems, p => p.StartsWith("FallbackRpcUrls:0 ", StringComparison.Ordinal) && p.Contains("is chain 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_MainEndpointDown_ConnectsThroughTheFallback_AndADownFallbackIsNoProblem()
    {
        var dead = new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}");

        using var throughFallback = await ProtocolConnection.ConnectAsync(Options with { RpcUrl = dead, FallbackRpcUrls = [Options.RpcUrl] }, null, CancellationToken.None);
        using var withDeadFallback = await ProtocolConnection.ConnectAsync(Options with { FallbackRpcUrls = [dead] }, null, CancellationToken.None);

        Assert.Equal(AnvilChain.ChainId, await throughFallback.Rpc.GetChainIdAsync(CancellationToken.None));
        Assert.Equal(Options.RpcUrl, throughFallback.Rpc.Client.PreferredEndpoint);
        Assert.Equal(AnvilChain.ChainId, await withDeadFallback.Rpc.GetChainIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Connect_MissingDeploymentFile_SaysHowToCreateIt()
    {
        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(Options with { DeploymentFile = "/nonexistent/31337.json" }, null, CancellationToken.None));

        Assert.Contains("No deployment file at /nonexistent/31337.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_UnreachableRpc_SaysSo()
    {
        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(Options with { RpcUrl = new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}") }, null, CancellationToken.None));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_InvalidOptions_ListsEveryProblem()
    {
        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(new ChainOptions { RpcUrl = new Uri("ftp://x"), ChainId = 0, DeploymentFile = " ", Confirmations = 20_000 }, null, CancellationToken.None));

        Assert.Equal(4, error.Problems.Count);
    }

    [Fact]
    public async Task Connect_ChainResetSinceDeployment_SaysDeployAgain()
    {
        var info = _chain.Deployment with { Contracts = _chain.Deployment.Contracts with { Market = "0x00000000000000000000000000000000000000aa" } };
        var directory = Path.Combine(Path.GetTempPath(), "depin-deploy-" + Guid.NewGuid().ToString("N"));
        var file = await DeploymentFile.WriteAsync(directory, info, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ChainConfigurationException>(() =>
            ProtocolConnection.ConnectAsync(Options with { DeploymentFile = file }, null, CancellationToken.None));

        Assert.Contains("deploy again", error.Message, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task DeploymentFile_RoundTrips_InTheSharedFormat()
    {
        var text = DeploymentFile.Serialize(_chain.Deployment);
        var parsed = DeploymentFile.Parse(text, "test");

        Assert.Equal(_chain.Deployment, parsed with { DeployedAt = _chain.Deployment.DeployedAt, Parameters = _chain.Deployment.Parameters });
        Assert.Equal(_chain.Deployment.Parameters, parsed.Parameters);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("1000000000000000000000", json.RootElement.GetProperty("parameters").GetProperty("minStakePerGpu").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("parameters").GetProperty("heartbeatTimeout").GetInt32());
        Assert.Equal(_chain.Deployment.Contracts.Market, json.RootElement.GetProperty("contracts").GetProperty("market").GetString());
        var registry = await _chain.Connection.Registry().GetParametersAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(6), registry.HeartbeatTimeout);
        var market = await _chain.Connection.Market().GetParametersAsync(CancellationToken.None);
        Assert.Equal((ushort)1000, market.SlashBps);
    }

    [Theory]
    [InlineData("{}", "contracts")]
    [InlineData("{\"chainId\":\"x\"}", "contracts")]
    public void DeploymentFile_Malformed_NamesTheField(string json, string field)
    {
        var error = Assert.Throws<DeploymentFileException>(() => DeploymentFile.Parse(json, "deployments/1.json"));
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }
}
