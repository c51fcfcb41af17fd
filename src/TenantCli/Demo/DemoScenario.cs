using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Orders;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// The demo's story: order samples/train with one replica and two standbys, watch it checkpoint, kill -9 its node,
/// watch the verifier report it and the first standby resume from the last committed checkpoint, and let it finish.
/// </summary>
internal sealed class DemoScenario
{
    private readonly CommandContext _context;
    private readonly DemoOptions _options;
    private readonly DevnetLayout _devnet;
    private readonly DemoConsole _console;
    private readonly DemoObservations _observations = new();
    private readonly Random _random = new();

    /// <summary>Creates the scenario; nothing runs yet.</summary>
    public DemoScenario(CommandContext context, DemoOptions options, DevnetLayout devnet, DemoConsole console)
    {
        _context = context;
        _options = options;
        _devnet = devnet;
        _console = console;
    }

    /// <summary>Runs the story to the lease's end; returns what was seen and the balances before the order.</summary>
    public async Task<(DemoObservations Observations, BalanceSnapshot Before)> RunAsync(ProtocolConnection chain, WalletKey tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(tenant);
        var before = await BalanceSnapshot.ReadAsync(chain, SettlementAudit.Accounts(_devnet, tenant.Address), _devnet.Nodes.Select(node => node.Owner), cancellationToken).ConfigureAwait(false);
        using var directory = new ProviderDirectory(chain.Registry(), _context.Config.Gateways);
        var watch = new ChainWatch(chain, _observations, await chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false) + 1);
        await OrderAsync(chain, tenant, directory, cancellationToken).ConfigureAwait(false);
        using var logs = new NodeLogClient(tenant, chain.Deployment.ChainId);
        var follow = new DemoFollow(chain, _devnet, _console, _observations, watch, new WorkloadLogWatch(logs, directory, _devnet, _observations));
        var killAt = await follow.UntilKillAsync(_options.RandomKill ? 1 : _options.KillAfterCheckpoints, _options.RandomKill ? RandomDelay() : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await KillAsync(killAt, cancellationToken).ConfigureAwait(false);
        await follow.UntilClosedAsync(cancellationToken).ConfigureAwait(false);
        return (_observations, before);
    }

    private TimeSpan RandomDelay() => TimeSpan.FromMilliseconds(_random.Next(0, DemoJobSpec.CheckpointSeconds * 2 * 1000));

    private async Task OrderAsync(ProtocolConnection chain, WalletKey tenant, ProviderDirectory directory, CancellationToken cancellationToken)
    {
        _console.Heading("1. Order samples/train (PyTorch) with 1 replica + 2 standbys");
        var python = _devnet.Runtime == "docker" ? "python3" : await TorchInterpreter.FindAsync(cancellationToken).ConfigureAwait(false)
            ?? throw CliException.Configuration("No python3 on this machine imports torch, and the Process runtime runs samples/train with the host's python3: run scripts/bootstrap.sh (it installs Debian's python3-torch), or start the devnet with the Docker runtime.");
        var specFile = DemoJobSpec.Write(Path.Combine(_devnet.Directory, "demo", "job.json"), _devnet.Runtime, python, _options.TrainScript, _options.Steps);
        var spec = await SpecFile.ReadAsync(specFile, cancellationToken).ConfigureAwait(false);
        var request = new OrderRequest(spec.Cid, OrderKind.Stateful, string.Empty, 0, 1, 1, 2, MaxPricePerSecond, TimeSpan.FromHours(1), TimeSpan.FromSeconds(60), MaxPricePerSecond * 3600);
        var flow = new RunFlow(_context, chain, tenant, directory);
        var nodes = await flow.CandidateNodesAsync(request, cancellationToken).ConfigureAwait(false);
        var now = await _context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
        _observations.OrderId = await chain.Market(tenant, CommandContext.Sends).CreateOrderWithPermitAsync(request, now.AddHours(1), cancellationToken).ConfigureAwait(false);
        _console.Say($"order {_observations.OrderId} placed (spec {spec.Cid}, {_devnet.Runtime} runtime, {_options.Steps} steps, a checkpoint every {DemoJobSpec.CheckpointSeconds} s)");
        var leases = await flow.FinalizeAsync(new OfferWatcher(chain.Market(), _context.Printer), _observations.OrderId, spec, nodes, new FinalizePolicy([]), cancellationToken).ConfigureAwait(false);
        if (leases is not [var lease])
        {
            throw new CliException($"Order {_observations.OrderId} got too few offers from the devnet's providers before its bid window closed; are all three nodes running? (logs: {_devnet.Directory}/logs)", ExitCodes.CheckFailed);
        }

        _observations.LeaseId = lease;
    }

    private async Task KillAsync(string owner, CancellationToken cancellationToken)
    {
        var node = _devnet.NodeOf(owner) ?? throw new CliException($"The lease runs on {owner}, which is not a node of this devnet.", ExitCodes.CheckFailed);
        _observations.KilledNode = node.Name;
        _observations.KilledOwner = owner;
        _console.Heading($"3. kill -9 {node.Name}, the active provider");
        _observations.Timeline.Kill = DateTimeOffset.UtcNow;
        var killed = await ProviderKiller.KillAsync(node, _devnet.Runtime, cancellationToken).ConfigureAwait(false);
        _console.Say($"SIGKILL: {string.Join(", ", killed)}; {_observations.CommitsBeforeKill} checkpoint(s) committed, last step {LastCommittedStep(0)}, workload seen at step {_observations.LastStepBeforeKill}");
    }

    private long LastCommittedStep(uint epoch) =>
        _observations.Of<CheckpointCommitted>().Where(entry => entry.Event.Epoch == epoch).Select(entry => (long)entry.Event.Step).DefaultIfEmpty(0).Max();

    // Far above the devnet's prices (1000 × n wei per GPU-second), so every provider's offer fits.
    private static BigInteger MaxPricePerSecond => new(5000);
}
