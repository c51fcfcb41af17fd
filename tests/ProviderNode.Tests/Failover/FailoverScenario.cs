using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>
/// Automatic failover with real processes (issue 14 §5): anvil with the contracts and three <c>depin-node run</c> daemons
/// that are each other's libp2p peers and run the verifier role (the default). A tenant orders a Stateful lease with one
/// replica and two standbys whose workload (<c>samples/shell-loop</c>) checkpoints every 1.5 s with the spec's default
/// <c>checkpoint.replicas</c> (1): each checkpoint is committed only once a standby daemon replicated it over Bitswap.
/// The tests kill daemons with SIGKILL (their workloads die with them, as on a dead machine) and watch the rest of the
/// network recover on its own; nothing on the chain is done for the nodes.
/// </summary>
public sealed class FailoverScenario : IAsyncDisposable
{
    /// <summary>The workload's last step.</summary>
    public const int Steps = 60;

    /// <summary>The workload checkpoints every this many steps.</summary>
    public const int CheckpointEvery = 3;

    private const double StepSeconds = 0.5;
    private readonly ExternalProcess?[] _processes = new ExternalProcess?[3];
    private readonly ITestOutputHelper _output;

    private FailoverScenario(ProtocolChain chain, DevnetNode[] nodes, ITestOutputHelper output)
    {
        Chain = chain;
        Nodes = nodes;
        _output = output;
    }

    /// <summary>The chain.</summary>
    public ProtocolChain Chain { get; }

    /// <summary>The three daemons, cheapest first: the first wins the lease, the others are its standbys in price order.</summary>
    public IReadOnlyList<DevnetNode> Nodes { get; }

    /// <summary>The tenant's key.</summary>
    public WalletKey Tenant { get; private set; } = null!;

    /// <summary>The tenant's token balance before it ordered.</summary>
    public BigInteger TenantBalanceBefore { get; private set; }

    /// <summary>The lease, once finalized.</summary>
    public BigInteger LeaseId { get; private set; }

    /// <summary>The shell loop's image when the workload runs in Docker; null: it runs as a process.</summary>
    public string? DockerImage { get; private init; }

    /// <summary>The node that won the lease at epoch 0.</summary>
    public DevnetNode Active { get; private set; } = null!;

    /// <summary>The order's standbys in queue order (owner addresses, lower-case).</summary>
    public IReadOnlyList<string> Standbys { get; private set; } = [];

    /// <summary>A read-only market client.</summary>
    public MarketClient Market => Chain.Connection.Market();

    /// <summary>
    /// Starts anvil, writes, peers and registers three nodes, and runs their daemons; node <c>i</c> asks
    /// <paramref name="prices"/>[i] per GPU-second (default 1000, 2000, 3000). With <paramref name="docker"/> the nodes
    /// have the Docker runtime on that engine and the workload is the shell loop's image (node names unique per run).
    /// </summary>
    public static async Task<FailoverScenario> StartAsync(TemporaryDirectory directory, ITestOutputHelper output, IReadOnlyList<int>? prices = null,
        (string Endpoint, string Image)? docker = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var chain = await ProtocolChain.StartAsync();
        var nodes = new DevnetNode[3];
        for (var index = 0; index < nodes.Length; index++)
        {
            var name = docker is null ? "node" + index : $"failover-{Guid.NewGuid().ToString("N")[..8]}-node{index}";
            nodes[index] = await DevnetNode.CreateAsync(chain, directory.Combine("node" + index), name, pricePerGpuSecond: prices?[index] ?? 1000 * (index + 1),
                dockerEndpoint: docker?.Endpoint);
        }

        await DevnetNode.PeerAllAsync(nodes);
        var scenario = new FailoverScenario(chain, nodes, output) { DockerImage = docker?.Image };
        try
        {
            await HappyPathScenario.RegisterAsync(chain, nodes);
            for (var index = 0; index < nodes.Length; index++)
            {
                await scenario.RunAsync(index);
            }
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }

        return scenario;
    }

    /// <summary>The node whose owner is <paramref name="owner"/>.</summary>
    public DevnetNode NodeOf(string owner) => Nodes.Single(node => string.Equals(node.Owner.Address, owner, StringComparison.OrdinalIgnoreCase));

    /// <summary>The daemon process of node <paramref name="index"/> (null while it is down).</summary>
    public ExternalProcess? Process(int index) => _processes[index];

    /// <summary>Starts (or restarts) node <paramref name="index"/>'s daemon.</summary>
    public async Task RunAsync(int index) => _processes[index] = await Nodes[index].RunAsync(DevnetTenant.Patience);

    /// <summary>
    /// Orders the shell loop as a Stateful lease with one replica and two standbys, uploads its spec to every node,
    /// finalizes once all three offered, and checks the cheapest node won with the other two as standbys.
    /// </summary>
    public async Task OrderAsync()
    {
        await OrderAsync(2, Nodes.Count, TimeSpan.FromMinutes(5));
        Assert.Same(Nodes[0], Active);
        Assert.Equal([Nodes[1].Owner.Address.ToLowerInvariant(), Nodes[2].Owner.Address.ToLowerInvariant()], Standbys.Select(standby => standby.ToLowerInvariant()));
    }

    /// <summary>
    /// Orders the shell loop as a Stateful lease with one replica and <paramref name="standbys"/> standbys and a bid
    /// window of <paramref name="bidWindow"/>, uploads its spec to every node, and finalizes once
    /// <paramref name="offers"/> nodes offered (the order's book holds one offer per lease and standby: the cheapest,
    /// the first among equals). <see cref="Active"/> is the node that won the lease.
    /// </summary>
    public async Task OrderAsync(byte standbys, int offers, TimeSpan bidWindow)
    {
        Tenant = await Chain.FundedKeyAsync();
        TenantBalanceBefore = await Chain.Connection.Token().BalanceOfAsync(Tenant.Address, CancellationToken.None);
        var market = Chain.Market(Tenant);
        var orderId = await DevnetTenant.OrderAsync(market, Encoding.UTF8.GetBytes(SpecJson()), OrderKind.Stateful, standbys, bidWindow, [.. Nodes]);
        await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == offers, $"{offers} nodes offer");
        var finalized = await market.FinalizeOrderAsync(orderId, CancellationToken.None);
        LeaseId = finalized.FirstLeaseId;
        Standbys = finalized.Standbys;
        Assert.Equal(standbys, Standbys.Count);
        Active = NodeOf((await Market.GetLeaseAsync(LeaseId, CancellationToken.None))!.Provider!);
    }

    /// <summary>The index of <paramref name="node"/> in <see cref="Nodes"/>.</summary>
    public int IndexOf(DevnetNode node) => Nodes.ToList().IndexOf(node);

    /// <summary>Waits until <paramref name="count"/> checkpoints of the lease are committed at <paramref name="epoch"/> (each one replicated first).</summary>
    public async Task<IReadOnlyList<CheckpointCommitted>> CommitsAtEpochAsync(uint epoch, int count)
    {
        IReadOnlyList<CheckpointCommitted> commits = [];
        await DevnetTenant.Until(async () => (commits = await CommitsAsync(epoch)).Count >= count, $"{count} checkpoints are committed at epoch {epoch}");
        return commits;
    }

    /// <summary>The lease's checkpoint commits at <paramref name="epoch"/>, in order.</summary>
    public async Task<IReadOnlyList<CheckpointCommitted>> CommitsAsync(uint epoch) =>
        [.. (await DevnetTenant.CheckpointCommitsAsync(Chain, LeaseId)).Where(commit => commit.Epoch == epoch)];

    /// <summary>Kills the daemons of <paramref name="indexes"/> with SIGKILL (with their workloads) and returns when that was done.</summary>
    public async Task<DateTimeOffset> KillAsync(params int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var killing = indexes.Select(index => (index, process: _processes[index]!)).ToArray();
        var killedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(killing.Select(async kill =>
        {
            _output.WriteLine($"node{kill.index} before the kill:\n{kill.process.ErrorTail}");
            await kill.process.DisposeAsync();
            _processes[kill.index] = null;
        }));
        return killedAt;
    }

    /// <summary>The sender of the mined transaction <paramref name="transactionHash"/> (as the node returns it).</summary>
    public async Task<string> SenderOfAsync(string transactionHash)
    {
        var transaction = await Chain.Anvil.Rpc.Client.RequestAsync("eth_getTransactionByHash", [transactionHash], CancellationToken.None);
        return transaction.GetProperty("from").GetString() ?? throw new InvalidOperationException($"Transaction {transactionHash} has no sender.");
    }

    /// <summary>Waits until the lease reopened for replacement offers (no standby was left to take it) and returns that event.</summary>
    public async Task<LeaseReopened> ReopenedAsync()
    {
        LeaseReopened? reopened = null;
        await DevnetTenant.Until(async () => (reopened = (await DevnetTenant.MarketEventsAsync(Chain)).OfType<LeaseReopened>().FirstOrDefault(e => e.LeaseId == LeaseId)) is not null,
            "the lease reopens for replacement offers");
        return reopened!;
    }

    /// <summary>Waits until the lease is assigned at <paramref name="epoch"/> and returns the node it went to.</summary>
    public async Task<DevnetNode> AssignedAtAsync(uint epoch)
    {
        LeaseAssigned? assigned = null;
        await DevnetTenant.Until(async () => (assigned = (await DevnetTenant.MarketEventsAsync(Chain)).OfType<LeaseAssigned>().FirstOrDefault(e => e.LeaseId == LeaseId && e.Epoch == epoch)) is not null,
            $"the lease is assigned at epoch {epoch}");
        return NodeOf(assigned!.Provider);
    }

    /// <summary>Waits until the lease closed and checks it completed at <paramref name="epoch"/>.</summary>
    public Task CompletedAtAsync(uint epoch) => ClosedAtAsync(epoch, LeaseReason.Completed);

    /// <summary>Waits until the lease closed and checks it closed for <paramref name="reason"/> at <paramref name="epoch"/>.</summary>
    public async Task ClosedAtAsync(uint epoch, LeaseReason reason)
    {
        await DevnetTenant.Until(async () => (await Market.GetLeaseAsync(LeaseId, CancellationToken.None))!.State == LeaseState.Closed, "the lease ends");
        var lease = (await Market.GetLeaseAsync(LeaseId, CancellationToken.None))!;
        Assert.Equal((reason, epoch), (lease.CloseReason, lease.Epoch));
    }

    /// <summary>The run folder of the lease at <paramref name="epoch"/> on <paramref name="node"/>.</summary>
    public string RunDirectory(DevnetNode node, uint epoch)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Path.Combine(node.Directory, "data", "workloads", $"{LeaseId}-{epoch}");
    }

    /// <summary>
    /// Checks that <paramref name="node"/> resumed the workload at <paramref name="epoch"/> from exactly the committed step
    /// <paramref name="resumedStep"/>: its resume folder holds that step, its first checkpoint is the next one after it
    /// (the workload's own counter went on, it did not start again at 0), and it finished at the last step.
    /// </summary>
    public void AssertResumedFrom(DevnetNode node, uint epoch, ulong resumedStep)
    {
        var run = RunDirectory(node, epoch);
        Assert.Equal(resumedStep.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(run, "resume", "state")).Trim());
        var steps = Directory.EnumerateDirectories(Path.Combine(run, "checkpoints"), "step-*")
            .Select(folder => ulong.Parse(Path.GetFileName(folder)["step-".Length..], CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(resumedStep + CheckpointEvery, steps[0]);
        Assert.Equal(Steps.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(run, "output", "result")).Trim());
    }

    /// <summary>
    /// Checks that <paramref name="node"/> prepared the hand-over while the dead provider was silent on gossip (its
    /// prepared-resume folder of the lease exists) and that the run took the prepared checkpoint (nothing is left in it).
    /// </summary>
    public void AssertPreparedAheadAndTaken(DevnetNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var prepared = Path.Combine(node.Directory, "data", "workloads", "prepared", LeaseId.ToString(CultureInfo.InvariantCulture));
        Assert.True(Directory.Exists(prepared), $"the standby prepared the hand-over in {prepared}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(prepared));
    }

    /// <summary>Writes every running daemon's last log lines to the test output.</summary>
    public void WriteLogs()
    {
        for (var index = 0; index < _processes.Length; index++)
        {
            if (_processes[index] is { } process)
            {
                _output.WriteLine($"node{index}:\n{process.ErrorTail}");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        WriteLogs();
        foreach (var process in _processes.OfType<ExternalProcess>())
        {
            await process.DisposeAsync();
        }

        await Chain.DisposeAsync();
    }

    private string SpecJson()
    {
        var spec = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["env"] = new JsonObject
            {
                ["LOOP_STEPS"] = Steps.ToString(CultureInfo.InvariantCulture),
                ["LOOP_CHECKPOINT_EVERY"] = CheckpointEvery.ToString(CultureInfo.InvariantCulture),
                ["LOOP_STEP_SECONDS"] = StepSeconds.ToString(CultureInfo.InvariantCulture),
            },
        };
        if (DockerImage is null)
        {
            (spec["runtime"], spec["command"]) = ("process", new JsonArray("/bin/sh", ShellLoopSpecs.Script));
        }
        else
        {
            (spec["runtime"], spec["image"]) = ("docker", DockerImage);
        }

        return spec.ToJsonString();
    }
}
