using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// Real <c>depin-node</c> daemons (Process runtime) serving one Stateless order, every replica running and admitted by
/// an in-process gateway (<see cref="GatewayUnderTest"/>); a replica's node can be killed with SIGKILL (its workload
/// dies with it, as on a dead machine). Disposing stops everything it started.
/// </summary>
internal sealed class GatewayCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    private readonly List<ProviderNodeProcess> _nodes;
    private readonly List<ExternalProcess?> _processes;
    private readonly TenantSession _tenant;
    private readonly ProviderDirectory _directory;
    private readonly NodeServiceClient _nodeClient;

    private GatewayCluster(List<ProviderNodeProcess> nodes, List<ExternalProcess?> processes, TenantSession tenant, ProviderDirectory directory, NodeServiceClient nodeClient)
    {
        _nodes = nodes;
        _processes = processes;
        _tenant = tenant;
        _directory = directory;
        _nodeClient = nodeClient;
    }

    public GatewayUnderTest Gateway { get; private set; } = null!;

    public BigInteger OrderId { get; private set; }

    /// <summary>What the killed and the living nodes wrote to stderr (for the test's output).</summary>
    public string Logs => string.Join("\n\n", _processes.Select((process, index) => $"node{index}:\n{process?.ErrorTail ?? "(killed)"}"));

    /// <summary>Starts <paramref name="replicas"/> nodes, orders <paramref name="spec"/> with that many replicas and no standby, and waits until the gateway admits them all.</summary>
    public static async Task<GatewayCluster> StartAsync(DevnetChain chain, string directory, string spec, int replicas)
    {
        var nodes = new List<ProviderNodeProcess>();
        var processes = new List<ExternalProcess?>();
        for (var index = 0; index < replicas; index++)
        {
            nodes.Add(await ProviderNodeProcess.RegisterAsync(chain, Path.Combine(directory, $"node{index}"), $"node{index}", 1000 + (index * 100)));
        }

        foreach (var node in nodes)
        {
            processes.Add(await node.RunAsync(Patience));
        }

        var tenant = await TenantSession.CreateAsync(chain);
        var key = KeystoreFile.Decrypt(await File.ReadAllTextAsync(Path.Combine(tenant.Cli.Home, "wallets", "tenant.json")), "correct horse");
        var cluster = new GatewayCluster(nodes, processes, tenant, new ProviderDirectory(chain.Connection.Registry(), nodes.Select(node => node.Api).ToArray()),
            new NodeServiceClient(key, chain.Connection.Deployment.ChainId));
        try
        {
            await cluster.OrderAsync(chain, spec, replicas);
        }
        catch (Exception exception)
        {
            var logs = cluster.Logs;
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"The cluster did not come up: {exception.Message}\n\n{logs}", exception);
        }

        return cluster;
    }

    /// <summary>Waits until exactly one replica has a request in flight and returns it.</summary>
    public async Task<Replica> ReplicaInFlightAsync()
    {
        Replica? busy = null;
        await Until(() => Task.FromResult((busy = Gateway.Parts.Replicas.All.SingleOrDefault(replica => replica.InFlight > 0)) is not null), "a replica has the request in flight");
        return busy!;
    }

    /// <summary>SIGKILL to the process tree of the node serving <paramref name="replica"/>; returns once the gateway no longer sends to it.</summary>
    public async Task KillNodeOfAsync(Replica replica)
    {
        var index = _nodes.FindIndex(node => string.Equals(node.Owner.Address, replica.Address.Provider, StringComparison.OrdinalIgnoreCase));
        await _processes[index]!.DisposeAsync();
        _processes[index] = null;
    }

    /// <summary>Waits until the gateway takes <paramref name="replica"/> out of rotation (probes failed, ejected, or its lease left).</summary>
    public Task UntilOutOfRotationAsync(Replica replica) =>
        Until(() => Task.FromResult(!replica.Available || !Gateway.Parts.Replicas.Contains(replica)), $"the gateway stops sending to {replica.Address.Key}");

    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Uploads the spec file's bytes to every node until each accepts them: <c>order create</c> uploads once, and a node
    /// refuses a spec whose order it has not seen yet (a loaded machine's node may read the chain late).
    /// </summary>
    public static async Task UploadUntilAcceptedAsync(string specFile, IEnumerable<Uri> nodes)
    {
        var bytes = await File.ReadAllBytesAsync(specFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var node in nodes)
        {
            await Until(async () =>
            {
                using var response = await http.PostAsync(new Uri(node, "uploads"), new ByteArrayContent(bytes));
                return response.IsSuccessStatusCode;
            }, $"{node} accepts the spec");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var process in _processes.OfType<ExternalProcess>())
        {
            await process.DisposeAsync();
        }

        _nodeClient.Dispose();
        _directory.Dispose();
        _tenant.Dispose();
    }

    private async Task OrderAsync(DevnetChain chain, string spec, int replicas)
    {
        var gateways = string.Concat(_nodes.Select(node => $" --gateway {node.Api}"));
        var specFile = _tenant.WriteSpec(spec);
        var created = await _tenant.JsonAsync($"order create {specFile} --max-price {5000 * 3600}wei --duration 1h --gpu RTX4090 --replicas {replicas} --standbys 0 --bid-window 120s{gateways}");
        OrderId = BigInteger.Parse(created.GetProperty("orderId").GetString()!, CultureInfo.InvariantCulture);
        await UploadUntilAcceptedAsync(specFile, _nodes.Select(node => node.Api));
        var market = chain.Connection.Market();
        await Until(async () => (await market.GetOffersAsync(OrderId, CancellationToken.None)).Count == replicas, "every node offers");
        await _tenant.JsonAsync($"order finalize {OrderId} --yes");
        await Until(async () => (await market.GetOrderLeasesAsync(OrderId, CancellationToken.None)).Count(lease => lease.State == LeaseState.Running) == replicas, "every replica runs");
        Gateway = await GatewayUnderTest.StartAsync(chain.Connection, _directory, _nodeClient, OrderId);
        await Until(() => Task.FromResult(Gateway.Parts.Replicas.All.Count(replica => replica.Available) == replicas), "the gateway admits every replica");
    }
}
