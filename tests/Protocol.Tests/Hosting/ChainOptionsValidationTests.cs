using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DePinGpu.Protocol.Tests.Hosting;

public sealed class ChainOptionsValidationTests
{
    [Fact]
    public async Task BadConfiguration_FailsTheHostAtStart_WithEveryProblemNamingItsKey()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = "ftp://example.invalid",
            ["Chain:ChainId"] = "0",
            ["Chain:Transactions:FeeBumpPercent"] = "5",
            ["Chain:Events:MaxBlockRange"] = "0",
        };
        using var host = ChainHost.Build(settings, (services, chain) => services.AddChainEvents(chain.GetSection("Events")));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var messages = error is AggregateException all ? all.InnerExceptions.SelectMany(Failures).ToArray() : Failures(error).ToArray();
        Assert.Contains(messages, m => m.StartsWith("Chain:RpcUrl ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Chain:ChainId ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Chain:DeploymentFile ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Chain:Transactions:FeeBumpPercent 5 ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Chain:Events:CursorFile ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Chain:Events:MaxBlockRange 0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void GoodConfiguration_BindsImmutableOptions()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = "http://127.0.0.1:8545",
            ["Chain:ChainId"] = "31337",
            ["Chain:DeploymentFile"] = "deployments/31337.json",
            ["Chain:Confirmations"] = "5",
            ["Chain:Transactions:MaxReplacements"] = "7",
        };
        using var host = ChainHost.Build(settings);

        var chain = host.Services.GetRequiredService<IOptions<ChainOptions>>().Value;
        var transactions = host.Services.GetRequiredService<IOptions<TransactionOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:8545"), chain.RpcUrl);
        Assert.Equal(31337UL, chain.ChainId);
        Assert.Equal(5U, chain.Confirmations);
        Assert.Equal(7, transactions.MaxReplacements);
        Assert.Empty(chain.Validate());
    }

    [Fact]
    public void FallbackRpcUrls_AreBound_AfterTheMainUrl()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = "http://127.0.0.1:8545",
            ["Chain:FallbackRpcUrls:0"] = "http://127.0.0.1:8546",
            ["Chain:FallbackRpcUrls:1"] = "https://127.0.0.2:8547",
            ["Chain:ChainId"] = "31337",
            ["Chain:DeploymentFile"] = "deployments/31337.json",
        };
        using var host = ChainHost.Build(settings);

        var chain = host.Services.GetRequiredService<IOptions<ChainOptions>>().Value;

        Assert.Equal([new Uri("http://127.0.0.1:8545"), new Uri("http://127.0.0.1:8546"), new Uri("https://127.0.0.2:8547")], chain.RpcEndpoints());
        Assert.Empty(chain.Validate());
    }

    [Fact]
    public void FallbackRpcUrls_ThatAreNotHttpOrRepeatAnEndpoint_AreProblemsNamingTheirIndex()
    {
        var options = new ChainOptions
        {
            RpcUrl = new Uri("http://127.0.0.1:8545"),
            FallbackRpcUrls = [new Uri("ftp://127.0.0.1/"), new Uri("http://127.0.0.1:8545")],
            ChainId = 31337,
            DeploymentFile = "deployments/31337.json",
        };

        var problems = options.Validate();

        Assert.Contains(problems, problem => problem.StartsWith("FallbackRpcUrls:0 ", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FallbackRpcUrls:1 ", StringComparison.Ordinal) && problem.Contains("repeats", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Failures(Exception exception) =>
        exception is OptionsValidationException validation ? validation.Failures : [exception.Message];
}
