using System.Globalization;
using System.Text.RegularExpressions;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Tests.Leases;

/// <summary>
/// A node configured for Docker whose engine does not answer when it starts (the engine restarting, or started after
/// the node) must not exit: it says so, backs off and re-attaches its workloads once the engine answers. The engine
/// here is a stand-in on the configured Unix socket that answers the container list with none: what the test checks
/// is the node's waiting, not Docker.
/// </summary>
public sealed class RuntimeOutageEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task DockerEngineDownAtStart_NodeKeepsRunningAndRetries_ThenReattachesOnceTheEngineAnswers()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var socket = Path.Combine(_directory.Combine("engine"), "docker.sock");
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "outage", pricePerGpuSecond: 1000, dockerEndpoint: "unix://" + socket);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);

        await using var process = await node.RunAsync(Patience);
        await UntilAsync(() => Regex.IsMatch(process.ErrorTail, @"runtime does not answer \(try ([2-9]|\d\d)\)"), process, "the node retries the engine");

        var listed = 0;
        await using var engine = await StartEngineAsync(socket, () => Interlocked.Increment(ref listed));
        await UntilAsync(() => Volatile.Read(ref listed) > 0, process, "the node lists its containers once the engine answers");
        Assert.False(process.HasExited, process.ErrorTail);
        using var http = new HttpClient { BaseAddress = node.Api };
        Assert.True((await http.GetAsync(new Uri("/status", UriKind.Relative))).IsSuccessStatusCode);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<WebApplication> StartEngineAsync(string socket, Action listed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socket));
        var engine = builder.Build();
        // The client asks /containers/json with or without an API version in front; anything else is not served.
        engine.MapGet("/{**path}", (string path) =>
        {
            if (!path.EndsWith("containers/json", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            listed();
            return Results.Content("[]", "application/json");
        });
        await engine.StartAsync();
        return engine;
    }

    private static async Task UntilAsync(Func<bool> condition, DePinGpu.TestSupport.ExternalProcess process, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.False(process.HasExited, $"depin-node exited before {what}: {process.ErrorTail}");
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}: {process.ErrorTail}");
            await Task.Delay(200);
        }
    }
}
