using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// <c>depin run</c> against real processes: anvil with the contracts and two <c>depin-node</c> daemons (Process
/// runtime) registered by <c>depin-node register</c>. The CLI places the order, uploads the spec, finalizes on the
/// cheapest offer, waits for the replica to run and follows its logs to the end.
/// </summary>
public sealed class RunCommandEndToEndTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-cli-run-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public RunCommandEndToEndTests(ITestOutputHelper output) => _output = output;

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
    public async Task Run_SampleJob_FinalizesOnTheCheapestNodeAndFollowsItsLogsToCompletion()
    {
        var cheap = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "cheap"), "cheap", pricePerGpuSecond: 1000);
        var dear = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "dear"), "dear", pricePerGpuSecond: 2000);
        await using var cheapProcess = await cheap.RunAsync(TimeSpan.FromSeconds(120));
        await using var dearProcess = await dear.RunAsync(TimeSpan.FromSeconds(120));
        using var tenant = await TenantSession.CreateAsync(_chain);
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", Path.Combine(RepositoryPaths.Root, "samples", "shell-loop", "run.sh")),
            ["env"] = new JsonObject { ["LOOP_STEPS"] = "8", ["LOOP_CHECKPOINT_EVERY"] = "4", ["LOOP_STEP_SECONDS"] = "0.5" },
            // The standby is not a gossip peer of the winner here, so the winner may not wait for it to pin a checkpoint.
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());

        CliResult run;
        try
        {
            run = await tenant.Cli.RunAsync(["run", spec, "--max-price", (5000 * 3600).ToString(CultureInfo.InvariantCulture) + "wei", "--duration", "1h",
                "--gpu", "RTX4090", "--standbys", "1", "--bid-window", "60s", "--gateway", cheap.Api.ToString(), "--gateway", dear.Api.ToString(), "-o", "json"]);
        }
        finally
        {
            _output.WriteLine("cheap node:\n" + cheapProcess.ErrorTail + "\n\ndear node:\n" + dearProcess.ErrorTail);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        var logLines = lines.Where(line => line.TryGetProperty("kind", out var kind) && kind.GetString() == "line").ToArray();
        Assert.Contains(logLines, line => line.GetProperty("text").GetString()!.StartsWith("step ", StringComparison.Ordinal));
        Assert.All(logLines, line => Assert.Equal(cheap.Owner.Address, line.GetProperty("provider").GetString(), ignoreCase: true));
        var result = lines[^1];
        Assert.Equal(["Completed"], result.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Contains(result.GetProperty("uploads").EnumerateArray(), upload => upload.GetProperty("status").GetString() == "accepted");
        var leaseId = result.GetProperty("leaseIds")[0].GetString()!;

        var logsAfter = await tenant.Cli.RunAsync($"logs {leaseId}");
        Assert.Equal(1, logsAfter.ExitCode);
        Assert.Contains($"Lease {leaseId} is closed (Completed)", logsAfter.Error, StringComparison.Ordinal);
        var watch = await tenant.Cli.RunAsync($"lease watch {leaseId}");
        Assert.Equal(0, watch.ExitCode);
        Assert.Contains("CLOSED (Completed)", watch.Output, StringComparison.Ordinal);

        await CheckpointsAsync(tenant, leaseId, cheap);
    }

    [Fact]
    public async Task Run_SpecWithALocalFileInput_ImportsAndUploadsIt_AndTheWorkloadReadsTheSameBytes()
    {
        var node = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node"), "node", pricePerGpuSecond: 1000);
        await using var nodeProcess = await node.RunAsync(TimeSpan.FromSeconds(120));
        using var tenant = await TenantSession.CreateAsync(_chain);
        var data = new byte[40_000];
        Random.Shared.NextBytes(data);
        await File.WriteAllBytesAsync(Path.Combine(tenant.Cli.Home, "data.bin"), data);
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            // It stays a few seconds after printing: a node serves a lease's logs only while its run is there, and a
            // job that ends at once can be gone before `run` first asks (logs of finished leases are not kept yet).
            ["command"] = new JsonArray("/bin/sh", "-c", "sha256sum \"$DEPIN_INPUT_DIR/data.bin\"; sleep 5"),
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "data.bin", ["file"] = "./data.bin" }),
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());

        CliResult run;
        try
        {
            run = await tenant.Cli.RunAsync(["run", spec, "--max-price", (5000 * 3600).ToString(CultureInfo.InvariantCulture) + "wei", "--duration", "1h",
                "--standbys", "0", "--bid-window", "60s", "--gateway", node.Api.ToString(), "-o", "json"]);
        }
        finally
        {
            _output.WriteLine("node:\n" + nodeProcess.ErrorTail);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
        Assert.Contains(lines, line => line.TryGetProperty("kind", out var kind) && kind.GetString() == "line"
            && line.GetProperty("text").GetString()!.StartsWith(hash, StringComparison.Ordinal));
        var result = lines[^1];
        Assert.Equal(["Completed"], result.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!).ToArray());
        var upload = result.GetProperty("uploads").EnumerateArray().Single();
        Assert.Equal("accepted", upload.GetProperty("status").GetString());
        Assert.Equal("spec and 1 input(s)", upload.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Run_StatelessOrderWithTwoReplicas_FollowsEveryReplicasLogs_EachLineNamingItsReplica()
    {
        var first = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "first"), "first", pricePerGpuSecond: 1000);
        var second = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "second"), "second", pricePerGpuSecond: 1100);
        await using var firstProcess = await first.RunAsync(TimeSpan.FromSeconds(180));
        await using var secondProcess = await second.RunAsync(TimeSpan.FromSeconds(180));
        using var tenant = await TenantSession.CreateAsync(_chain);
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", "-c", "i=0; while true; do i=$((i+1)); echo \"lease $DEPIN_LEASE_ID line $i\"; sleep 0.3; done"),
            ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health" },
        }.ToJsonString());

        await using var run = CliProcess.Start(tenant.Cli, "run", spec, "--max-price", (5000 * 3600).ToString(CultureInfo.InvariantCulture) + "wei", "--duration", "1h",
            "--replicas", "2", "--bid-window", "60s", "--gateway", first.Api.ToString(), "--gateway", second.Api.ToString());
        var seen = new Dictionary<int, string>();
        try
        {
            // Text lines of both replicas, each "[replica <slot> lease <id>] lease <id> line <n>": the prefix names the line's own lease.
            while (seen.Count < 2)
            {
                var line = await run.WaitForLineAsync(text => text.StartsWith("[replica ", StringComparison.Ordinal), TimeSpan.FromSeconds(180));
                var match = System.Text.RegularExpressions.Regex.Match(line, @"^\[replica (\d) lease (\d+)\] lease (\d+) line \d+$");
                Assert.True(match.Success, line);
                Assert.Equal(match.Groups[2].Value, match.Groups[3].Value);
                seen[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = match.Groups[2].Value;
            }
        }
        finally
        {
            _output.WriteLine("run:\n" + run.ErrorTail + "\nfirst node:\n" + firstProcess.ErrorTail + "\n\nsecond node:\n" + secondProcess.ErrorTail);
        }

        Assert.Equal([0, 1], seen.Keys.Order());
        Assert.NotEqual(seen[0], seen[1]);
        foreach (var lease in seen.Values)
        {
            Assert.Equal(0, (await tenant.Cli.RunAsync($"lease close {lease} --yes")).ExitCode);
        }

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(120)));
    }

    [Fact]
    public async Task Run_Detached_ReturnsOnceTheOrderIsPlacedAndTheSpecUploaded_AndPrintsTheCommandsToComeBack()
    {
        var node = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node"), "node", pricePerGpuSecond: 1000);
        await using var nodeProcess = await node.RunAsync(TimeSpan.FromSeconds(120));
        using var tenant = await TenantSession.CreateAsync(_chain);
        var spec = tenant.WriteSpec("""{"schemaVersion":1,"runtime":"process","command":["/bin/true"],"checkpoint":{"replicas":0}}""");

        var run = await tenant.Cli.RunAsync(["run", spec, "--max-price", "1", "--duration", "1h", "--standbys", "0", "--detach", "--gateway", node.Api.ToString()]);

        _output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"spec uploaded to {node.Api}", run.Error, StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(run.Error, @"order (\d+): not finalized\. Next: depin order offers \1; depin order finalize \1; depin order cancel \1");
        Assert.True(match.Success, run.Error);
        var order = await _chain.Connection.Market().GetOrderAsync(System.Numerics.BigInteger.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal(DePinGpu.Protocol.Model.OrderState.Open, order!.State);
        Assert.Equal(0, order.LeaseCount);
    }

    /// <summary>The committed checkpoints are listed from chain events, and `get` returns the bytes the workload wrote.</summary>
    private static async Task CheckpointsAsync(TenantSession tenant, string leaseId, ProviderNodeProcess node)
    {
        var list = await tenant.JsonAsync($"checkpoint list {leaseId}");
        JsonShape.Matches("checkpoint-list", list.GetRawText());
        var steps = list.EnumerateArray().Select(c => c.GetProperty("step").GetUInt64()).ToArray();
        Assert.Equal([4UL, 8UL], steps);

        var folder = Path.Combine(tenant.Cli.Home, "checkpoint");
        var got = await tenant.JsonAsync($"checkpoint get {leaseId} --out {folder} --gateway {node.Api}");
        JsonShape.Matches("checkpoint-get", got.GetRawText());
        Assert.Equal("8", (await File.ReadAllTextAsync(Path.Combine(folder, "state"))).Trim());
        var earlier = Path.Combine(tenant.Cli.Home, "checkpoint-4");
        await tenant.JsonAsync($"checkpoint get {leaseId} --step 4 --out {earlier} --gateway {node.Api}");
        Assert.Equal("4", (await File.ReadAllTextAsync(Path.Combine(earlier, "state"))).Trim());

        var car = Path.Combine(tenant.Cli.Home, "checkpoint.car");
        var exported = await tenant.JsonAsync($"checkpoint export {leaseId} --out {car} --gateway {node.Api}");
        Assert.Equal(list[1].GetProperty("cid").GetString(), exported.GetProperty("cid").GetString());
        Assert.True(new FileInfo(car).Length > 0);
        var again = await tenant.Cli.RunAsync($"checkpoint export {leaseId} --out {car} --gateway {node.Api}");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }
}
