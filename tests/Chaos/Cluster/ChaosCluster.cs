using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Chaos.Tests.Checking;
using DePinGpu.Chaos.Tests.Faults;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>
/// One scenario's cluster on the shared chain: N registered, peered <c>depin-node run</c> processes (node i offers at
/// 1000 × (i + 1) per GPU-second, so node 0 wins and the others are standbys in order), a tenant placing Stateful
/// orders through src/Protocol for the stepping workload, the fault log and the shared step log; and, at the end, the
/// checker over the scenario's history.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>How long any one wait of a scenario may take (the machine is loaded).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    private readonly TemporaryDirectory _directory;
    private readonly ITestOutputHelper _output;
    private readonly List<ScenarioLease> _leases = [];

    private ChaosCluster(ProtocolChain chain, TemporaryDirectory directory, IReadOnlyList<ChaosNode> nodes, FaultLog faults, ITestOutputHelper output)
    {
        Chain = chain;
        _directory = directory;
        Nodes = nodes;
        Faults = faults;
        _output = output;
        Steps = new StepLog(directory.Combine("steps.log"));
    }

    /// <summary>The shared chain.</summary>
    public ProtocolChain Chain { get; }

    /// <summary>The nodes, cheapest first.</summary>
    public IReadOnlyList<ChaosNode> Nodes { get; }

    /// <summary>Every fault injected so far.</summary>
    public FaultLog Faults { get; }

    /// <summary>The workloads' shared step log.</summary>
    public StepLog Steps { get; }

    /// <summary>The cluster's scratch folder.</summary>
    public string Directory => _directory.Path;

    /// <summary>
    /// Writes, registers, peers and starts <paramref name="count"/> nodes; <paramref name="verifier"/> says which run
    /// the verifier role (default: all), <paramref name="prepare"/> may change a node's files before it starts.
    /// </summary>
    public static async Task<ChaosCluster> StartAsync(ProtocolChain chain, ITestOutputHelper output, int count = 3, Func<int, bool>? verifier = null, Func<ChaosNode, Task>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var directory = new TemporaryDirectory();
        var faults = new FaultLog();
        var nodes = new List<ChaosNode>();
        for (var index = 0; index < count; index++)
        {
            // One at a time: funding keys sends transactions from the one admin account.
            nodes.Add(await ChaosNode.CreateAsync(chain, directory.Combine($"node-{index}"), $"node-{index}", 1000 * (index + 1), verifier?.Invoke(index) ?? true, faults));
        }

        var cluster = new ChaosCluster(chain, directory, nodes, faults, output);
        foreach (var node in nodes)
        {
            await node.PeerWithAsync(nodes);
        }

        await HappyPathScenario.RegisterAsync(chain, [.. nodes.Select(node => node.Devnet)]);
        foreach (var node in nodes.Where(_ => prepare is not null))
        {
            await prepare!(node);
        }

        await Task.WhenAll(nodes.Select(node => node.StartAsync()));
        return cluster;
    }

    /// <summary>
    /// Orders a Stateful lease with <paramref name="standbys"/> standbys running the stepping workload, uploads the spec to
    /// every node, finalizes once the book holds the cheapest nodes' offers (node-0 active, then node-1, node-2 standing by)
    /// and waits until step <paramref name="committedAtLeast"/> is committed.
    /// </summary>
    public async Task<ScenarioLease> RunLeaseAsync(byte standbys, string onChainLoss = "keep", int replicas = 1, ulong committedAtLeast = 2)
    {
        var tenant = Chain.Market(await Chain.FundedKeyAsync());
        var spec = Encoding.UTF8.GetBytes(SpecJson(onChainLoss, replicas));
        var maxPrice = new BigInteger(5000);
        var orderId = await tenant.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, standbys, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600),
            CancellationToken.None);
        await Task.WhenAll(Nodes.Select(node => DevnetTenant.UploadAsync(node.Devnet.Api, spec)));
        // Nodes are priced 1000, 2000, 3000…: waiting for the cheapest replicas + standbys of them (not for any as many
        // offers) makes node-0 the active holder and node-1, node-2 its standbys in that order, whoever offered first.
        var expected = Nodes.Take(replicas + standbys).Select(node => node.Address).ToList();
        await UntilAsync(async () => expected.All(new HashSet<string>((await tenant.GetOffersAsync(orderId, CancellationToken.None)).Select(offer => offer.Provider), StringComparer.OrdinalIgnoreCase).Contains),
            $"the book holds the offers of {string.Join(", ", Nodes.Take(replicas + standbys).Select(node => node.Name))}");
        var finalized = await tenant.FinalizeOrderAsync(orderId, CancellationToken.None);
        var provider = (await tenant.GetLeaseAsync(finalized.FirstLeaseId, CancellationToken.None))!.Provider!;
        var holders = new List<ChaosNode> { NodeOf(provider) };
        holders.AddRange(finalized.Standbys.Select(NodeOf));
        var lease = new ScenarioLease(finalized.FirstLeaseId, tenant, holders);
        _leases.Add(lease);
        await UntilAsync(async () => (await LeaseAsync(lease)).CheckpointStep >= committedAtLeast, $"step {committedAtLeast} of lease {lease.LeaseId} is committed");
        return lease;
    }

    /// <summary>The lease as the chain has it now.</summary>
    public async Task<LeaseDetails> LeaseAsync(ScenarioLease lease) => (await Chain.Connection.Market().GetLeaseAsync(lease.LeaseId, CancellationToken.None))!;

    /// <summary>The node whose provider (owner) address is <paramref name="address"/>.</summary>
    public ChaosNode NodeOf(string address) => Nodes.Single(node => string.Equals(node.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="patience"/> (default <see cref="Patience"/>).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Runs the checker over the scenario's history, writes the scenario's outcome (its row of docs/reliability.md) to
    /// the test output and to <c>DEPIN_CHAOS_RESULTS</c> when set, and fails on any violation, lost lease, unexpected
    /// reassignment or unaccounted token.
    /// </summary>
    public async Task<ScenarioOutcome> CheckAsync(string scenario, string injected, DateTimeOffset injectedAt, int expectedReassignments)
    {
        var history = new ScenarioHistory(Chain, await ChainHistory.ReadAsync(Chain), Steps.Read(), Faults,
            [.. _leases.Select(lease => new CheckedLease(lease.LeaseId))], Nodes, DateTimeOffset.UtcNow);
        var timeout = (await Chain.Connection.Registry().GetParametersAsync(CancellationToken.None)).HeartbeatTimeout;
        var result = await HistoryChecker.CheckAsync(history, new CheckerBounds(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20), timeout), System.IO.Path.Combine(Directory, "exports"));
        var outcome = new ScenarioOutcome(scenario, injected, await OutcomeTimes.DetectionAsync(history, injectedAt), OutcomeTimes.Recovery(history, injectedAt),
            result.LeasesLost, Math.Max(0, result.Reassignments - expectedReassignments), result.TokensUnaccounted, result.Violations.Count);
        _output.WriteLine(outcome.ToMarkdownRow());
        foreach (var violation in result.Violations)
        {
            _output.WriteLine("VIOLATION " + violation);
        }

        if (Environment.GetEnvironmentVariable("DEPIN_CHAOS_RESULTS") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, outcome.ToMarkdownRow() + Environment.NewLine);
        }

        Assert.True(result.Violations.Count == 0, "The checker found:\n" + string.Join('\n', result.Violations));
        Assert.Equal(expectedReassignments, result.Reassignments);
        Assert.Equal(0, result.LeasesLost);
        return outcome;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _leases)
        {
            try
            {
                await lease.Tenant.CloseLeaseAsync(lease.LeaseId, CancellationToken.None);
            }
            catch (ContractRevertException)
            {
                // Already ended (completed, or closed for want of a provider).
            }
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
            _output.WriteLine($"--- {node.Name} ({node.Address}) ---\n{node.ErrorTail}");
        }

        _directory.Dispose();
    }

    private string SpecJson(string onChainLoss, int replicas) => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", System.IO.Path.Combine(AppContext.BaseDirectory, "Workload", "stepping-loop.sh")),
        ["env"] = new JsonObject { ["LOOP_CHECKPOINT_EVERY"] = "2", ["LOOP_STEP_SECONDS"] = "0.25", ["CHAOS_STEP_LOG"] = Steps.Path },
        ["checkpoint"] = new JsonObject { ["replicas"] = replicas },
        ["gracePeriodSeconds"] = 5,
        ["onChainLoss"] = onChainLoss,
    }.ToJsonString();
}
