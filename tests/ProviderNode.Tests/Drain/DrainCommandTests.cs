using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Drain;

/// <summary><c>depin-node drain</c> when no daemon can be asked: one sentence, exit code 1.</summary>
public sealed class DrainCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Drain_NoDaemonEverStarted_SaysSoAndExitsOne()
    {
        var config = await WriteConfigAsync(DePinGpu.TestSupport.FreePort.Next());

        var (exitCode, _, error) = await NodeCommandLine.RunAsync(Patience, "drain", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains("No daemon runs with the data directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_TokenLeftButNothingListens_SaysNoDaemonAnswersAndExitsOne()
    {
        var port = DePinGpu.TestSupport.FreePort.Next();
        var config = await WriteConfigAsync(port);
        await File.WriteAllTextAsync(_directory.Combine("data", "api-admin-token"), "left over");

        var (exitCode, _, error) = await NodeCommandLine.RunAsync(Patience, "drain", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains($"No depin-node daemon answers at http://127.0.0.1:{port}/", error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> WriteConfigAsync(int port)
    {
        Directory.CreateDirectory(_directory.Combine("data"));
        var config = _directory.Combine("config.json");
        var json = new JsonObject
        {
            ["Node"] = new JsonObject { ["DataDirectory"] = _directory.Combine("data") },
            ["Api"] = new JsonObject { ["Url"] = $"http://127.0.0.1:{port}" },
        };
        await File.WriteAllTextAsync(config, json.ToJsonString());
        return config;
    }
}
