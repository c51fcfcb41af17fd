using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Configuration;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Configuration;

public sealed class TenantConfigLoaderTests
{
    private static CliEnvironment Environment(CliHarness cli) =>
        new(TextWriter.Null, TextWriter.Null, TextReader.Null, cli.Variables, cli.Home, false, false);

    [Fact]
    public void Load_FileThenEnvironmentThenFlags_EachOverridesTheOneBefore()
    {
        using var cli = new CliHarness();
        cli.WriteConfig("""{"rpcUrl":"http://127.0.0.1:1111","chainId":31337,"wallet":"file","deployment":"deployments/31337.json","gateways":["http://127.0.0.1:7101"]}""");
        cli.Variables["DEPIN_WALLET"] = "env";
        cli.Variables["DEPIN_RPC_URL"] = "http://127.0.0.1:2222";
        var flags = ConfigFlags.None with { RpcUrl = "http://127.0.0.1:3333" };

        var config = TenantConfigLoader.Load(Environment(cli), flags);

        Assert.Equal(new Uri("http://127.0.0.1:3333"), config.RpcUrl);
        Assert.Equal("env", config.Wallet);
        Assert.Equal(31337UL, config.ChainId);
        Assert.Equal(Path.Combine(cli.Home, ".depin", "deployments", "31337.json"), config.Deployment);
        Assert.Equal([new Uri("http://127.0.0.1:7101")], config.Gateways);
        Assert.Equal(Path.Combine(cli.Home, ".depin", "wallets"), config.WalletDirectory);
    }

    [Fact]
    public void Load_DepinConfigVariable_PointsAtAnotherFile()
    {
        using var cli = new CliHarness();
        cli.Variables["DEPIN_CONFIG"] = cli.WriteFile("elsewhere/config.json", """{"chainId":"5","walletDirectory":"~/keys"}""");

        var config = TenantConfigLoader.Load(Environment(cli), ConfigFlags.None);

        Assert.Equal(5UL, config.ChainId);
        Assert.Equal(Path.Combine(cli.Home, "keys"), config.WalletDirectory);
        Assert.EndsWith("config.json", config.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFileAtTheDefaultPlace_IsAnEmptyConfig()
    {
        using var cli = new CliHarness();
        var config = TenantConfigLoader.Load(Environment(cli), ConfigFlags.None);
        Assert.Null(config.Source);
        Assert.Null(config.RpcUrl);
        Assert.Empty(config.Gateways);
    }

    [Theory]
    [InlineData("""{"rpcURL":"http://x"}""", "Unknown key 'rpcURL'")]
    [InlineData("""{"chainId":"main"}""", "chainId in")]
    [InlineData("""{"chainId":0}""", "not a positive chain id")]
    [InlineData("""{"rpcUrl":"ftp://127.0.0.1"}""", "not an http:// or https:// URL")]
    [InlineData("""{"gateways":"http://127.0.0.1:7101"}""", "must be an array of URL strings")]
    [InlineData("""{"wallet":7}""", "wallet in")]
    [InlineData("""[1,2]""", "must hold one JSON object")]
    [InlineData("""{"rpcUrl":""", "is not valid JSON")]
    public void Load_BadFile_NamesTheProblem(string json, string expected)
    {
        using var cli = new CliHarness();
        cli.WriteConfig(json);
        var error = Assert.Throws<CliException>(() => TenantConfigLoader.Load(Environment(cli), ConfigFlags.None));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExplicitFileThatIsMissing_IsAnError()
    {
        using var cli = new CliHarness();
        var error = Assert.Throws<CliException>(() => TenantConfigLoader.Load(Environment(cli), ConfigFlags.None with { ConfigFile = "/nonexistent/depin.json" }));
        Assert.Contains("No config file at /nonexistent/depin.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadValueFromAFlag_NamesTheFlag()
    {
        using var cli = new CliHarness();
        var error = Assert.Throws<CliException>(() => TenantConfigLoader.Load(Environment(cli), ConfigFlags.None with { ChainId = "-1" }));
        Assert.StartsWith("--chain-id is '-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GatewaysFromEnvironment_AreCommaSeparatedAndReplaceTheFilesList()
    {
        using var cli = new CliHarness();
        cli.WriteConfig("""{"gateways":["http://127.0.0.1:1"]}""");
        cli.Variables["DEPIN_GATEWAYS"] = "http://127.0.0.1:7101, http://127.0.0.1:7102";
        var config = TenantConfigLoader.Load(Environment(cli), ConfigFlags.None);
        Assert.Equal([new Uri("http://127.0.0.1:7101"), new Uri("http://127.0.0.1:7102")], config.Gateways);
    }
}
