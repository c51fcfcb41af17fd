using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Cli;

public sealed class HelpTests
{
    public static TheoryData<string> Commands => CommandTree.All();

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEveryCommand_PrintsUsageAndExitsZero(string path)
    {
        using var cli = new CliHarness();
        var result = await cli.RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Description:", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void CommandTree_HasTheIssuesCommands()
    {
        var paths = CommandTree.Paths();
        foreach (var expected in new[]
        {
            "wallet new", "wallet import", "wallet list", "wallet balance", "wallet fund", "doctor",
            "order create", "order list", "order show", "order offers", "order finalize", "order cancel",
            "lease list", "lease show", "lease close", "lease top-up", "escrow", "withdraw", "providers",
        })
        {
            Assert.Contains(expected, paths);
        }
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageErrorOnStderr()
    {
        using var cli = new CliHarness();
        var result = await cli.RunAsync("order frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("depin: error: Unrecognized command or argument 'frobnicate'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run `depin order --help` for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredOption_IsAUsageError()
    {
        using var cli = new CliHarness();
        var result = await cli.RunAsync("order create job.json --duration 2h");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-price", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputFormat_OtherThanTextOrJson_IsAUsageError()
    {
        using var cli = new CliHarness();
        var result = await cli.RunAsync("wallet list -o yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("yaml", result.Error, StringComparison.Ordinal);
    }
}
