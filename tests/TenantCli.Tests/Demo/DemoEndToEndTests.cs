using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DePinGpu.TenantCli.Demo;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Demo;

/// <summary>
/// The README's demo as a test: scripts/devnet.sh (Process runtime: samples/train runs on the host's python3 with
/// Debian's python3-torch, which scripts/bootstrap.sh installs) brings up anvil, three provider nodes and a verifier;
/// <c>depin demo</c> orders the job, kills -9 its provider after two committed checkpoints and checks the failover.
/// Its checks are this test's assertions.
/// </summary>
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly ITestOutputHelper _output;

    public DemoEndToEndTests(ITestOutputHelper output) => _output = output;

    private string DevnetDirectory => Path.Combine(_cli.Home, "devnet");

    [SkippableFact]
    public async Task Demo_KillNineTheActiveProvider_JobResumesOnAStandbyFromTheLastCheckpointAndEveryWeiIsOwed()
    {
        Skip.If(await TorchInterpreter.FindAsync(CancellationToken.None) is null, "no python3 here imports torch: scripts/bootstrap.sh installs Debian's python3-torch");
        try
        {
            var start = await DevnetAsync(TimeSpan.FromMinutes(8), "--detach", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--runtime", "process");
            Assert.True(start.ExitCode == 0, start.Output + start.Error);
            _cli.Variables["DEPIN_CONFIG"] = Path.Combine(DevnetDirectory, "cli-config.json");
            // What a newcomer types first: the devnet's three providers, live and not jailed, with no flags.
            var providers = await _cli.RunAsync(["providers", "live=true", "jailed=false", "-q"]);
            Assert.True(providers.ExitCode == 0, providers.Error);
            Assert.Equal(3, providers.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            var demo = await _cli.RunAsync(["demo", "--devnet-dir", DevnetDirectory, "--train-script", Path.Combine(RepositoryPaths.Root, "samples", "train", "train.py"), "-o", "json"]);
            _output.WriteLine(demo.Error);
            _output.WriteLine(demo.Output);

            using var result = JsonDocument.Parse(demo.Output);
            var checks = result.RootElement.GetProperty("checks").EnumerateArray()
                .ToDictionary(check => check.GetProperty("name").GetString()!, check => (Passed: check.GetProperty("passed").GetBoolean(), Detail: check.GetProperty("detail").GetString()!));
            var recovery = result.RootElement.GetProperty("recovery");
            Assert.True(checks["the resumed step = last committed step + 1 (not 0)"].Passed, checks["the resumed step = last committed step + 1 (not 0)"].Detail);
            Assert.True(recovery.GetProperty("lastCommittedStep").GetInt64() > 0, "the kill came after committed checkpoints");
            Assert.True(checks["the timeline is complete"].Passed, checks["the timeline is complete"].Detail);
            foreach (var money in new[] { "slash", "finder's fee", "paid exactly", "pays nothing", "refund", "withdrawable", "stake" })
            {
                Assert.All(checks.Where(check => check.Key.Contains(money, StringComparison.Ordinal)), check => Assert.True(check.Value.Passed, $"{check.Key}: {check.Value.Detail}"));
                Assert.Contains(checks.Keys, name => name.Contains(money, StringComparison.Ordinal));
            }

            Assert.All(checks, check => Assert.True(check.Value.Passed, $"{check.Key}: {check.Value.Detail}"));
            Assert.Equal(0, demo.ExitCode);
            Assert.True(File.Exists(result.RootElement.GetProperty("chart").GetString()), "the chart was drawn");
        }
        finally
        {
            var stop = await DevnetAsync(TimeSpan.FromMinutes(2), "--stop");
            _output.WriteLine(stop.Output + stop.Error);
        }
    }

    public void Dispose() => _cli.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> DevnetAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "devnet.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DEPIN_DEVNET_DIR"] = DevnetDirectory;
        info.Environment["HOME"] = _cli.Home;
        info.Environment["DEPIN_NODE_DLL"] = ProviderNodeProcess.Program;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await error);
    }
}
