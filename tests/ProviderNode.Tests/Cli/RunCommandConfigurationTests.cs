using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Cli;

public sealed class RunCommandConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Run_WithAnUnknownRuntime_ExitsNonZeroWithOneSentenceNamingTheKey()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "node", pricePerGpuSecond: 1000);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(node.ConfigFile))!;
        config["Bidding"]!["AllowedRuntimes"] = new JsonArray("kvm");
        config["Logging"]!["LogLevel"]!["Default"] = "None";
        config["Logging"]!["LogLevel"]!["DePinGpu"] = "None";
        await File.WriteAllTextAsync(node.ConfigFile, config.ToJsonString());

        var run = await NodeCommandLine.RunAsync(TimeSpan.FromSeconds(120), "run", "--config", node.ConfigFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Bidding:AllowedRuntimes contains the unknown runtime 'kvm'; use docker or process.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAMissingConfigFile_SaysWhatToDo()
    {
        var run = await NodeCommandLine.RunAsync(TimeSpan.FromSeconds(60), "register", "--config", _directory.Combine("missing.json"),
            "--owner-keystore", _directory.Combine("owner.json"), "--stake", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("depin-node: The config file", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
