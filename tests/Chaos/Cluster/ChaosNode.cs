using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Chaos.Tests.Faults;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.TestSupport;
using DePinGpu.TestSupport.Faults;

namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>
/// One provider machine of a chaos cluster: a real <c>depin-node run</c> process that reaches the chain only through
/// its own <see cref="TcpProxy"/> and that other nodes reach only through a second proxy in front of its libp2p
/// listener, so a test can cut either link; plus the fault tools that act on the machine (kill -9, SIGSTOP/SIGCONT,
/// and with the Docker runtime a kill of its container behind its back). Every fault goes to the cluster's <see cref="FaultLog"/>.
/// </summary>
public sealed class ChaosNode : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);
    private readonly FaultLog _faults;
    private readonly ContainerFaults? _containers;
    private ExternalProcess? _process;
    private string _lastErrorTail = string.Empty;

    private ChaosNode(string name, DevnetNode devnet, TcpProxy rpc, TcpProxy libp2p, FaultLog faults, ContainerFaults? containers, string executionName)
    {
        Name = name;
        _containers = containers;
        ExecutionName = executionName;
        Devnet = devnet;
        Rpc = rpc;
        Libp2p = libp2p;
        _faults = faults;
    }

    /// <summary>The node's name in the scenario (active, standby-1, …).</summary>
    public string Name { get; }

    /// <summary>The node's files (config, keys) and API.</summary>
    public DevnetNode Devnet { get; }

    /// <summary>The node's <c>Execution:NodeName</c>: the label on its containers (unique per cluster, the engine is shared).</summary>
    public string ExecutionName { get; }

    /// <summary>True when the node runs Docker specs (the cluster's workloads are containers).</summary>
    public bool RunsContainers => _containers is not null;

    /// <summary>The proxy between the node and the chain's RPC.</summary>
    public TcpProxy Rpc { get; }

    /// <summary>The proxy in front of the node's libp2p listener (every other node dials it).</summary>
    public TcpProxy Libp2p { get; }

    /// <summary>The provider's address (the owner key): the node's name on-chain and in the fault log.</summary>
    public string Address => Devnet.Owner.Address.ToLowerInvariant();

    /// <summary>The address other nodes dial: the libp2p proxy, with the node's peer id.</summary>
    public string ProxiedDialAddress => $"/ip4/127.0.0.1/tcp/{Libp2p.Port}/p2p/{Devnet.PeerId}";

    /// <summary>True while the daemon runs and is not frozen.</summary>
    public bool IsAwake { get; private set; }

    /// <summary>The daemon's last stderr lines (of the current or the last run).</summary>
    public string ErrorTail => _process?.ErrorTail ?? _lastErrorTail;

    /// <summary>
    /// Writes the node's files behind fresh proxies; <paramref name="verifier"/> turns its verifier role on or off;
    /// with <paramref name="docker"/> it runs Docker specs on that engine, its containers labelled <paramref name="executionName"/>.
    /// </summary>
    public static async Task<ChaosNode> CreateAsync(ProtocolChain chain, string directory, string name, int pricePerGpuSecond, bool verifier, FaultLog faults, ChaosDocker? docker = null, string? executionName = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var rpc = TcpProxy.Start(chain.Anvil.RpcUrl);
        var devnet = await DevnetNode.CreateAsync(chain, directory, executionName ?? name, pricePerGpuSecond, dockerEndpoint: docker?.Endpoint, rpcUrls: [rpc.Url]);
        var listenPort = int.Parse(devnet.ListenAddress.Split('/')[4], System.Globalization.CultureInfo.InvariantCulture);
        var libp2p = TcpProxy.Start(new IPEndPoint(IPAddress.Loopback, listenPort));
        var node = new ChaosNode(name, devnet, rpc, libp2p, faults, docker is null ? null : new ContainerFaults(docker.Endpoint), executionName ?? name);
        await node.EditConfigAsync(config =>
        {
            config["Node"]!["Multiaddrs"] = new JsonArray($"/ip4/127.0.0.1/tcp/{libp2p.Port}");
            config["Verifier"] = new JsonObject { ["Enabled"] = verifier };
        });
        return node;
    }

    /// <summary>Makes <paramref name="peers"/> the node's bootstrap peers, each through its libp2p proxy.</summary>
    public Task PeerWithAsync(IEnumerable<ChaosNode> peers) =>
        EditConfigAsync(config => config["Network"]!["BootstrapPeers"] = new JsonArray([.. peers.Where(peer => peer != this).Select(peer => (JsonNode)peer.ProxiedDialAddress)]));

    /// <summary>Changes the node's config.json (before a start).</summary>
    public async Task EditConfigAsync(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Devnet.ConfigFile))!.AsObject();
        edit(config);
        await File.WriteAllTextAsync(Devnet.ConfigFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Starts (or restarts) the daemon and waits until its API answers.</summary>
    public async Task StartAsync()
    {
        _process = await Devnet.RunAsync(StartPatience);
        IsAwake = true;
        _faults.Add(Address, FaultKind.Started);
    }

    /// <summary>kill -9 of the machine: the daemon and every workload it started (its containers too), at once.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        ProcessTree.Signal(process.Id, "KILL");
        if (_containers is not null)
        {
            // A container is the engine's child, not the daemon's: the dead machine's containers die with it here.
            await _containers.KillAsync(ExecutionName, null);
        }

        _faults.Add(Address, FaultKind.Killed);
        await ForgetProcessAsync(process);
    }

    /// <summary>kill -9 of the daemon alone: its workloads keep running, orphaned, until it comes back.</summary>
    public async Task KillDaemonAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        ProcessTree.Signal([process.Id], "KILL");
        _faults.Add(Address, FaultKind.DaemonKilled);
        await ForgetProcessAsync(process);
    }

    /// <summary>
    /// <c>docker kill</c> (SIGKILL) of lease <paramref name="leaseId"/>'s running container behind the node's back: the
    /// node and the machine run on. Fails when the node runs no such container.
    /// </summary>
    public async Task KillContainerAsync(System.Numerics.BigInteger leaseId)
    {
        var containers = _containers ?? throw new InvalidOperationException($"{Name} runs no containers (Process runtime).");
        var killed = await containers.KillAsync(ExecutionName, leaseId);
        if (killed.Count == 0)
        {
            throw new InvalidOperationException($"{Name} runs no container of lease {leaseId}.");
        }

        _faults.Add(Address, FaultKind.ContainerKilled);
    }

    /// <summary>The node's containers of lease <paramref name="leaseId"/>, running or not (none without the Docker runtime).</summary>
    public async Task<IList<Docker.DotNet.Models.ContainerListResponse>> ContainersAsync(System.Numerics.BigInteger leaseId) =>
        _containers is null ? [] : await _containers.ListAsync(ExecutionName, leaseId);

    /// <summary>SIGSTOP of the daemon and its workloads (a frozen machine).</summary>
    public void Freeze()
    {
        ProcessTree.Signal((_process ?? throw new InvalidOperationException($"{Name} is not running.")).Id, "STOP");
        IsAwake = false;
        _faults.Add(Address, FaultKind.Frozen);
    }

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw()
    {
        ProcessTree.Signal((_process ?? throw new InvalidOperationException($"{Name} is not running.")).Id, "CONT");
        IsAwake = true;
        _faults.Add(Address, FaultKind.Thawed);
    }

    /// <summary>Closes the node's way to the chain (its connections reset, new ones refused).</summary>
    public async Task CutRpcAsync()
    {
        await Rpc.CloseAsync();
        _faults.Add(Address, FaultKind.RpcCut);
    }

    /// <summary>Opens the node's way to the chain again.</summary>
    public void RestoreRpc()
    {
        Rpc.Open();
        _faults.Add(Address, FaultKind.RpcRestored);
    }

    /// <summary>Closes the way into the node's libp2p listener (every peer connection resets).</summary>
    public async Task CutGossipAsync()
    {
        await Libp2p.CloseAsync();
        _faults.Add(Address, FaultKind.GossipCut);
    }

    /// <summary>Opens the way into the node's libp2p listener again.</summary>
    public void RestoreGossip()
    {
        Libp2p.Open();
        _faults.Add(Address, FaultKind.GossipRestored);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            ProcessTree.Signal(process.Id, "KILL"); // frozen or not, workloads included
            await ForgetProcessAsync(process);
        }

        if (_containers is not null)
        {
            await _containers.RemoveAllAsync(ExecutionName);
        }

        await Rpc.DisposeAsync();
        await Libp2p.DisposeAsync();
    }

    private async Task ForgetProcessAsync(ExternalProcess process)
    {
        IsAwake = false;
        _process = null;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!process.HasExited && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        _lastErrorTail = process.ErrorTail;
        await process.DisposeAsync();
    }
}
