using System.Text.Json;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>A tenant on the devnet: a CLI harness whose config points at the chain, with a funded wallet made by the CLI itself.</summary>
public sealed class TenantSession : IDisposable
{
    private TenantSession(CliHarness cli, string address)
    {
        Cli = cli;
        Address = address;
    }

    /// <summary>The CLI.</summary>
    public CliHarness Cli { get; }

    /// <summary>The wallet's address.</summary>
    public string Address { get; }

    /// <summary>A valid Stateful job spec (process runtime, one GPU).</summary>
    public const string Spec = """{"schemaVersion":1,"runtime":"process","command":["/bin/sh","-c","echo hi"],"resources":{"gpus":1}}""";

    /// <summary>Creates wallet "tenant" (light KDF) with `wallet new` and funds it with `wallet fund`.</summary>
    public static async Task<TenantSession> CreateAsync(DevnetChain chain, bool fund = true)
    {
        var cli = new CliHarness();
        var passwordFile = cli.WriteFile("password.txt", "correct horse\n");
        cli.WriteConfig(chain.ConfigJson(Path.Combine(cli.Home, "wallets"), "tenant", passwordFile));
        var created = await cli.RunAsync("wallet new tenant --kdf light -o json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var address = JsonDocument.Parse(created.Output).RootElement.GetProperty("address").GetString()!;
        if (fund)
        {
            var funded = await cli.RunAsync("wallet fund -o json");
            Assert.True(funded.ExitCode == 0, funded.ToString());
        }

        return new TenantSession(cli, address);
    }

    /// <summary>Writes the spec file and returns its path.</summary>
    public string WriteSpec(string json = Spec) => Cli.WriteFile("job-" + Guid.NewGuid().ToString("N") + ".json", json);

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonElement> JsonAsync(string commandLine)
    {
        var result = await Cli.RunAsync(commandLine + " -o json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    /// <inheritdoc />
    public void Dispose() => Cli.Dispose();
}
