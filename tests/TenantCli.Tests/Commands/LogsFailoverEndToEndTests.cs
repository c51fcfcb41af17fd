using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// A failover seen from the tenant's side, with nothing driven by hand: anvil with the contracts and three real
/// <c>depin-node</c> daemons that are each other's gossip peers (each runs the verifier, on by default). <c>depin
/// providers</c> shows their prices and liveness from the capacity gossip; <c>depin run</c> places a Stateful order with
/// two standbys and follows the lease; <c>depin logs -f</c> follows it too. The active node is killed with SIGKILL:
/// a verifier reports its missed heartbeats, the lease moves to a standby, and both followers print the seam and go on
/// with the new provider's lines. Closing the lease ends them.
/// </summary>
public sealed class LogsFailoverEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    // Prices per GPU-second in wei: 0.1, 0.2 and 0.6 tokens per GPU-hour.
    private static readonly long[] Prices = [27_777_777_777_778, 55_555_555_555_556, 166_666_666_666_667];

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-cli-failover-" + Guid.NewGuid().ToString("N"));
    private readonly List<ExternalProcess> _processes = [];
    private DevnetChain _chain = null!;

    public LogsFailoverEndToEndTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _chain = await DevnetChain.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        WorkloadProcesses.KillUnder(_directory);
        await _chain.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task LogsFollow_ActiveNodeKilled_FollowsOntoTheStandbyAndMarksTheSeam()
    {
        var nodes = new List<ProviderNodeProcess>();
        for (var index = 0; index < Prices.Length; index++)
        {
            nodes.Add(await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node" + index), "node" + index, Prices[index]));
        }

        await ProviderNodeProcess.PeerAllAsync([.. nodes]);
        var running = new Dictionary<string, ExternalProcess>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            var process = await node.RunAsync(Patience);
            _processes.Add(process);
            running[node.Owner.Address] = process;
        }

        using var tenant = await TenantSession.CreateAsync(_chain);
        string[] gateways = [.. nodes.SelectMany(node => new[] { "--gateway", node.Api.ToString() })];
        try
        {
            await ProvidersFromTheGossipAsync(tenant, nodes);
            await FailoverAsync(tenant, nodes, running, gateways);
        }
        finally
        {
            foreach (var (node, index) in nodes.Select((node, index) => (node, index)))
            {
                _output.WriteLine($"node{index} ({node.Owner.Address}):\n{running[node.Owner.Address].ErrorTail}\n");
            }
        }
    }

    /// <summary>Asked of one node, `providers` lists all three with the price each gossips; `price&lt;0.5` drops the dear one.</summary>
    private async Task ProvidersFromTheGossipAsync(TenantSession tenant, IReadOnlyList<ProviderNodeProcess> nodes)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement heard;
        while (true)
        {
            heard = await tenant.JsonAsync($"providers seen<30 --gateway {nodes[0].Api}");
            if (heard.GetArrayLength() == nodes.Count || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        JsonShape.Matches("providers-capacity", heard.GetRawText());
        Assert.Equal(nodes.Count, heard.GetArrayLength());
        foreach (var (node, price) in nodes.Zip(Prices))
        {
            var row = heard.EnumerateArray().Single(provider => string.Equals(provider.GetProperty("owner").GetString(), node.Owner.Address, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(price.ToString(CultureInfo.InvariantCulture), row.GetProperty("capacity").GetProperty("pricePerGpuSecondWei").GetString());
            Assert.True(row.GetProperty("live").GetBoolean());
        }

        var cheap = await tenant.JsonAsync($"providers price<0.5 --gateway {nodes[0].Api}");
        Assert.Equal(
            nodes.Take(2).Select(node => node.Owner.Address.ToLowerInvariant()).Order(StringComparer.Ordinal),
            cheap.EnumerateArray().Select(provider => provider.GetProperty("owner").GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal));
    }

    private async Task FailoverAsync(TenantSession tenant, IReadOnlyList<ProviderNodeProcess> nodes, Dictionary<string, ExternalProcess> running, string[] gateways)
    {
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", Path.Combine(RepositoryPaths.Root, "samples", "shell-loop", "run.sh")),
            // Bounded (10 minutes) so that a workload orphaned by the kill ends by itself even if the clean-up missed it.
            ["env"] = new JsonObject { ["LOOP_STEPS"] = "1200", ["LOOP_CHECKPOINT_EVERY"] = "4", ["LOOP_STEP_SECONDS"] = "0.5" },
        }.ToJsonString());
        var run = CliProcess.Start(tenant.Cli, ["run", spec, "--max-price", "1", "--duration", "1h", "--gpu", "RTX4090", "--standbys", "2", "--bid-window", "60s", .. gateways, "-o", "json"]);
        _processes.Add(run);
        var firstLine = Json(await run.WaitForLineAsync(line => Kind(line) == "line", Patience));
        var leaseId = firstLine.GetProperty("leaseId").GetString()!;
        var active = firstLine.GetProperty("provider").GetString()!;

        var logs = CliProcess.Start(tenant.Cli, ["logs", leaseId, "-f", .. gateways, "-o", "json"]);
        _processes.Add(logs);
        await logs.WaitForLineAsync(line => Kind(line) == "line", Patience);

        var committed = await FirstCommittedStepAsync(tenant, leaseId);
        var killedAt = Stopwatch.StartNew();
        using (var victim = Process.GetProcessById(running[active].Id))
        {
            victim.Kill(); // SIGKILL: no drain, no release; the node just stops heart-beating.
        }

        foreach (var follower in new[] { logs, run })
        {
            var seam = Json(await follower.WaitForLineAsync(line => Kind(line) == "handover", Patience));
            var successor = seam.GetProperty("provider").GetString()!;
            Assert.NotEqual(active, successor, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(1u, seam.GetProperty("epoch").GetUInt32());
            var next = Json(await follower.WaitForLineAsync(line => Kind(line) == "line", Patience));
            Assert.Equal(successor, next.GetProperty("provider").GetString(), ignoreCase: true);

            // The standby resumed from the checkpoint replicated to it, not from the start.
            var resumed = Json(await follower.WaitForLineAsync(line => Kind(line) == "line" && Json(line).GetProperty("text").GetString()!.StartsWith("resumed from step ", StringComparison.Ordinal), Patience));
            Assert.True(ulong.Parse(resumed.GetProperty("text").GetString()!["resumed from step ".Length..], CultureInfo.InvariantCulture) >= committed, resumed.ToString());
        }

        _output.WriteLine($"kill -9 to the new provider's first line: {killedAt.Elapsed}");
        var market = _chain.Connection.Market();
        var withdrawableBefore = await market.WithdrawableAsync(tenant.Address, CancellationToken.None);
        var closed = await tenant.JsonAsync($"lease close {leaseId} --yes");
        var refund = System.Numerics.BigInteger.Parse(closed.GetProperty("amountWei").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(refund > 0, closed.ToString());
        Assert.Equal(await market.WithdrawableAsync(tenant.Address, CancellationToken.None) - withdrawableBefore, refund);
        Assert.Equal(1, await logs.WaitForExitAsync(Patience));
        Assert.Equal(1, await run.WaitForExitAsync(Patience));
    }

    /// <summary>Waits until the lease has a committed checkpoint (replicated to a standby first: spec default) and returns its step.</summary>
    private static async Task<ulong> FirstCommittedStepAsync(TenantSession tenant, string leaseId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var list = await tenant.JsonAsync($"checkpoint list {leaseId}");
            if (list.GetArrayLength() > 0)
            {
                return list[list.GetArrayLength() - 1].GetProperty("step").GetUInt64();
            }

            Assert.True(DateTime.UtcNow < deadline, $"Lease {leaseId} committed no checkpoint within {Patience}.");
            await Task.Delay(500);
        }
    }

    /// <summary>The kind of a JSON log line; null for other output (run's final document spans several lines).</summary>
    private static string? Kind(string line)
    {
        try
        {
            return line.StartsWith('{') && line.EndsWith('}') && Json(line).TryGetProperty("kind", out var kind) ? kind.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement.Clone();
}
