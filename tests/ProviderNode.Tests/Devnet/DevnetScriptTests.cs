using System.Diagnostics;
using System.Text.Json;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Configuration;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Devnet;

/// <summary>
/// <c>scripts/devnet.sh</c> as a person runs it, detached, in a temporary state folder (<c>DEPIN_DEVNET_DIR</c>) and
/// home (so the real <c>~/.depin/config.json</c> is never touched), with the Process runtime forced by
/// <c>--runtime process</c> and the depin-node this test project built (<c>DEPIN_NODE_DLL</c>, no publish).
/// </summary>
public sealed class DevnetScriptTests : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(8);
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public DevnetScriptTests(ITestOutputHelper output) => _output = output;

    private string StateDirectory => _directory.Combine("devnet");

    private string Home => _directory.Combine("home");

    [Fact]
    public async Task DetachedDevnet_ThreeProvidersHeartBeatAndAVerifierRuns_CliConfigWritten_StopLeavesNoProcess()
    {
        Directory.CreateDirectory(Home);
        var port = FreePort.Next();
        try
        {
            var start = await DevnetAsync(StateDirectory, StartPatience, "--detach", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--providers", "3", "--runtime", "process");
            _output.WriteLine(start.Output + start.Error);
            Assert.True(start.ExitCode == 0, start.Error);
            Assert.Contains("runtime             process", start.Output, StringComparison.Ordinal);

            var owners = await AssertProvidersHeartBeatAsync();
            await AssertTheCliListsTheLiveProvidersAsync(owners);
            Assert.Contains("Verifier started", await File.ReadAllTextAsync(Path.Combine(StateDirectory, "logs", "verifier.log")), StringComparison.Ordinal);
            Assert.True(IsAlive(PidOf("verifier")), "the verifier process runs");
            AssertCliConfig();

            var again = await DevnetAsync(StateDirectory, TimeSpan.FromMinutes(1), "--detach", "--port", (port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--runtime", "process");
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("a devnet is already running", again.Error, StringComparison.Ordinal);
            var taken = await DevnetAsync(_directory.Combine("other"), TimeSpan.FromMinutes(1), "--detach", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--runtime", "process");
            Assert.Equal(1, taken.ExitCode);
            Assert.Equal($"devnet: port {port} on 127.0.0.1 is already in use; pick another with --port N", taken.Error.Trim());
        }
        finally
        {
            var pids = Directory.Exists(Path.Combine(StateDirectory, "pids"))
                ? Directory.GetFiles(Path.Combine(StateDirectory, "pids"), "*.pid").Select(file => int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                : [];
            var stop = await DevnetAsync(StateDirectory, TimeSpan.FromMinutes(2), "--stop");
            _output.WriteLine(stop.Output + stop.Error);
            Assert.Equal(0, stop.ExitCode);
            Assert.Equal(5, pids.Length);
            Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} outlived --stop"));
            Assert.Empty(ProcessesMentioning(StateDirectory));
        }
    }

    [Theory]
    [InlineData("--block-time", "61", "--block-time needs seconds in 0..60 (0: automine)")]
    [InlineData("--block-time", "two", "--block-time needs seconds in 0..60 (0: automine)")]
    [InlineData("--providers", "9", "--providers needs a number in 1..8 (dev accounts 1..8 own them)")]
    [InlineData("--runtime", "podman", "--runtime is auto, docker or process")]
    public async Task BadArgument_IsRefusedWithItsReason_AndNothingIsStarted(string option, string value, string reason)
    {
        var refused = await DevnetAsync(StateDirectory, TimeSpan.FromMinutes(1), option, value);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(reason, refused.Error.Trim());
        Assert.False(Directory.Exists(StateDirectory), "a refused start created the devnet's folder");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// What a newcomer types first, with no flags (the devnet wrote ~/.depin/config.json): <c>depin providers</c> lists the
    /// three providers, live (their gossip heard) and not jailed.
    /// </summary>
    private async Task AssertTheCliListsTheLiveProvidersAsync(IReadOnlyList<string> owners)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Api.GatewayProcess.Program, "providers", "live=true", "jailed=false", "-q" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = Home;
        info.Environment["NO_COLOR"] = "1";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await error);
            var listed = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // Liveness is the capacity gossip the CLI listens for: a node heard late is tried again, within a bound.
            if (listed.Length == owners.Count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(owners.Select(owner => owner.ToLowerInvariant()).Order(), listed.Select(owner => owner.ToLowerInvariant()).Order());
                return;
            }

            await Task.Delay(1000);
        }
    }

    private async Task<IReadOnlyList<string>> AssertProvidersHeartBeatAsync()
    {
        using var connection = await ProtocolConnection.ConnectAsync(
            new ChainOptions { RpcUrl = new Uri(CliConfig().GetProperty("rpcUrl").GetString()!), ChainId = 31337, DeploymentFile = CliConfig().GetProperty("deployment").GetString()!, Confirmations = 0 },
            null,
            CancellationToken.None);
        var registry = connection.Registry();
        var owners = await registry.ListProvidersAsync(CancellationToken.None);
        Assert.Equal(3, owners.Count);
        var first = new Dictionary<string, DateTimeOffset>();
        foreach (var owner in owners)
        {
            first[owner] = (await registry.GetProviderAsync(owner, CancellationToken.None))!.LastHeartbeat;
            Assert.True(first[owner] > DateTimeOffset.UnixEpoch, $"{owner} has heart-beaten on-chain");
        }

        // Heart-beating, not only once: every provider's on-chain heartbeat moves on.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var owner in owners)
        {
            while ((await registry.GetProviderAsync(owner, CancellationToken.None))!.LastHeartbeat <= first[owner])
            {
                Assert.True(DateTime.UtcNow < deadline, $"{owner} stopped heart-beating");
                await Task.Delay(500);
            }
        }

        return owners.ToArray();
    }

    private void AssertCliConfig()
    {
        var config = CliConfig();
        Assert.Equal(
            ["chainId", "deployment", "gateways", "passwordFile", "rpcUrl", "wallet", "walletDirectory"],
            config.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        Assert.Equal(31337, config.GetProperty("chainId").GetInt32());
        Assert.Equal(3, config.GetProperty("gateways").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(config.GetProperty("walletDirectory").GetString()!, config.GetProperty("wallet").GetString() + ".json")));
        Assert.True(File.Exists(config.GetProperty("deployment").GetString()));
        var home = Path.Combine(Home, ".depin", "config.json");
        Assert.Equal(File.ReadAllText(Path.Combine(StateDirectory, "cli-config.json")), File.ReadAllText(home));
        Assert.True(File.Exists(home + ".devnet"), "the devnet marks the home config it wrote");
    }

    private JsonElement CliConfig() => JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDirectory, "cli-config.json"))).RootElement;

    private int PidOf(string name) => int.Parse(File.ReadAllText(Path.Combine(StateDirectory, "pids", name + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    /// <summary>Live processes whose command line names <paramref name="path"/> (the devnet's files are all under it).</summary>
    private static IReadOnlyList<string> ProcessesMentioning(string path) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => int.TryParse(name, out _))
            .Select(name => (Pid: int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), CommandLine: ReadCommandLine(name!)))
            .Where(process => process.CommandLine.Contains(path, StringComparison.Ordinal) && IsAlive(process.Pid))
            .Select(process => $"{process.Pid}: {process.CommandLine}").ToArray();

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> DevnetAsync(string stateDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "devnet.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DEPIN_DEVNET_DIR"] = stateDirectory;
        info.Environment["HOME"] = Home;
        info.Environment["DEPIN_NODE_DLL"] = NodeCommandLine.Program;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"devnet.sh {string.Join(' ', arguments)} did not finish within {timeout}: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
