using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// What a person sees: <c>depin run</c> in a real terminal (tmux), against anvil and two real <c>depin-node</c>
/// daemons. A bad spec is refused with a sentence and nothing is sent; the sample job then goes through every stage
/// on screen, in order: the spec validated, the order placed, the spec uploaded, the offers arriving, the finalize,
/// the lease running on the cheaper node, the workload's lines, and the ending with the commands to come back.
/// </summary>
public sealed class RunTerminalTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-cli-run-tmux-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public RunTerminalTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _chain = await DevnetChain.StartAsync();

    public async Task DisposeAsync()
    {
        await _chain.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_InATerminal_ShowsEachStageFromValidationToTheWorkloadsLastLine()
    {
        var cheap = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "cheap"), "cheap", pricePerGpuSecond: 1000);
        var dear = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "dear"), "dear", pricePerGpuSecond: 2000);
        await using var cheapProcess = await cheap.RunAsync(Patience);
        await using var dearProcess = await dear.RunAsync(Patience);
        using var tenant = await TenantSession.CreateAsync(_chain);
        var environment = new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" };
        var flags = $"--max-price 1 --duration 1h --gpu RTX4090 --standbys 1 --bid-window 60s --gateway {cheap.Api} --gateway {dear.Api}";

        var bad = tenant.WriteSpec("""{"schemaVersion":1,"runtime":"process","command":["/bin/true"],"colour":"blue"}""");
        await using (var refused = await TmuxSession.StartAsync($"dotnet {CliProcess.Program} run {bad} {flags}", environment))
        {
            var screen = await refused.WaitForAsync("[exit 2]", Patience);
            Assert.Contains("is not a valid job spec; nothing was sent", screen, StringComparison.Ordinal);
            Assert.Contains("colour", screen, StringComparison.Ordinal);
        }

        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", Path.Combine(RepositoryPaths.Root, "samples", "shell-loop", "run.sh")),
            ["env"] = new JsonObject { ["LOOP_STEPS"] = "6", ["LOOP_CHECKPOINT_EVERY"] = "3", ["LOOP_STEP_SECONDS"] = "0.5" },
            // The two nodes are not gossip peers here, so the winner may not wait for the standby to pin a checkpoint.
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());
        await using var terminal = await TmuxSession.StartAsync($"dotnet {CliProcess.Program} run {spec} {flags}", environment);
        string history;
        try
        {
            await terminal.WaitForAsync("[exit ", Patience);
        }
        finally
        {
            history = await terminal.CaptureHistoryAsync();
            _output.WriteLine("screen:\n" + history + "\ncheap node:\n" + cheapProcess.ErrorTail + "\ndear node:\n" + dearProcess.ErrorTail);
        }

        var lines = history.Split('\n').Select(line => line.TrimEnd()).ToArray();
        string[] stages =
        [
            $"spec {spec} is valid: Stateful, runtime process, CID ",
            "placed: spec ",
            "spec uploaded to ",
            $"offer: {cheap.Owner.Address.ToLowerInvariant()}",
            "finalized: lease(s) ",
            $"running on {cheap.Owner.Address.ToLowerInvariant()} (epoch 0)",
            "step 1",
            "checkpoint step 3",
            "step 6",
            "Completed. Next: depin lease show ",
            "[exit 0]",
        ];
        var at = 0;
        foreach (var stage in stages)
        {
            var found = Array.FindIndex(lines, at, line => line.Contains(stage, StringComparison.OrdinalIgnoreCase));
            Assert.True(found >= 0, $"'{stage}' did not show after line {at}. Screen:\n{history}");
            at = found + 1;
        }

        Assert.Contains(lines, line => line.StartsWith($"offer: {dear.Owner.Address.ToLowerInvariant()}", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, line => line.Contains("error", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CtrlC_DuringRun_DetachesAndPrintsTheCommandsToComeBack_WhileTheLeaseRunsOn()
    {
        var node = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node"), "node", pricePerGpuSecond: 1000);
        await using var nodeProcess = await node.RunAsync(Patience);
        using var tenant = await TenantSession.CreateAsync(_chain);
        var environment = new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" };
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", "-c", "i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 0.3; done"),
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());
        var owner = node.Owner.Address.ToLowerInvariant();
        await using var terminal = await TmuxSession.StartAsync(
            $"dotnet {CliProcess.Program} run {spec} --max-price 1 --duration 1h --standbys 0 --bid-window 60s --pick {owner} --gateway {node.Api}", environment);
        string screen;
        try
        {
            await terminal.WaitForAsync("tick 3", Patience);
            await terminal.SendKeysAsync("C-c");
            await terminal.WaitForAsync("[exit ", Patience);
        }
        finally
        {
            screen = await terminal.CaptureHistoryAsync();
            _output.WriteLine("screen:\n" + screen + "\nnode:\n" + nodeProcess.ErrorTail);
        }

        Assert.Contains("[exit 130]", screen, StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(screen.Replace("\n", string.Empty, StringComparison.Ordinal),
            @"detached; order (\d+) and its leases go on\. Come back with: depin lease show (\d+); depin logs \2 -f; depin lease close \2");
        Assert.True(match.Success, screen);
        var lease = await _chain.Connection.Market().GetLeaseAsync(System.Numerics.BigInteger.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal(DePinGpu.Protocol.Model.LeaseState.Running, lease!.State);
        Assert.Equal(owner, lease.Provider!.ToLowerInvariant());
        var logs = await tenant.Cli.RunAsync($"logs {match.Groups[2].Value} --gateway {node.Api}");
        Assert.Equal(0, logs.ExitCode);
        Assert.Contains("tick ", logs.Output, StringComparison.Ordinal);
    }
}
