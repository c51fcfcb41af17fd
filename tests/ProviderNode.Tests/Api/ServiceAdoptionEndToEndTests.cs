using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// A Stateless lease's service across a restart of its node (SIGKILL, then <c>depin-node run</c> again) with
/// <c>samples/echo-service</c>: the node serves it again under the address it gave the tenant before, so a gateway's
/// address stays good. Docker: the node re-attaches to the running container and proxies to its published port (the
/// same container answers). Process: the process group died with the node; the node starts the service again at the
/// same lease and epoch, behind the same secret.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ServiceAdoptionEndToEndTests : IAsyncLifetime
{
    private readonly DockerEngineFixture _engine;
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;
    private readonly string _nodeName = "service-" + Guid.NewGuid().ToString("N")[..8];

    public ServiceAdoptionEndToEndTests(DockerEngineFixture engine, ITestOutputHelper output)
    {
        _engine = engine;
        _output = output;
    }

    [SkippableFact]
    public async Task KilledNode_Restarted_ServesItsReattachedContainerUnderTheSameAddress()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var image = await _engine.ImageAsync("echo-service");
        // No GPU in the spec: a GPU device request cannot start on this machine's engine (no NVIDIA runtime).
        var spec = new JsonObject { ["schemaVersion"] = 1, ["runtime"] = "docker", ["image"] = image, ["resources"] = new JsonObject { ["cpus"] = 0.5, ["memoryMiB"] = 128 } };

        var (before, after) = await RestartWhileServingAsync(spec, _engine.Endpoint);

        Assert.Equal(before.Url, after.Url);
        var containers = await ContainersAsync();
        var container = Assert.Single(containers);
        Assert.Equal("running", container.State);
        Assert.Equal(before.ContainerId, container.ID);
    }

    [Fact]
    public async Task KilledNode_Restarted_StartsItsProcessServiceAgainUnderTheSameAddress()
    {
        var spec = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "samples", "echo-service", "server.py")),
            ["resources"] = new JsonObject { ["gpus"] = 1 },
        };

        var (before, after) = await RestartWhileServingAsync(spec, dockerEndpoint: null);

        Assert.Equal(before.Url, after.Url);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _engine.RemoveContainersAsync(_nodeName);
        _directory.Dispose();
    }

    /// <summary>Runs the service on one node, reads its address and calls it; kills and restarts the node; reads and calls it again.</summary>
    private async Task<(ServedAddress Before, ServedAddress After)> RestartWhileServingAsync(JsonObject spec, string? dockerEndpoint)
    {
        spec["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true };
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), _nodeName, pricePerGpuSecond: 1000, dockerEndpoint);
        await HappyPathScenario.RegisterAsync(chain, node);
        var tenant = await chain.FundedKeyAsync();
        var market = chain.Market(tenant);
        var first = await node.RunAsync(DevnetTenant.Patience);
        var firstKilled = false;
        ExternalProcess? second = null;
        try
        {
            var orderId = await DevnetTenant.OrderAsync(market, Encoding.UTF8.GetBytes(spec.ToJsonString()), OrderKind.Stateless, 0, node);
            await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
            var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
            var before = await ServedAsync(node, tenant, chain, leaseId);

            await first.DisposeAsync(); // SIGKILL to the node's process tree: a container is the engine's and keeps running
            firstKilled = true;
            second = await node.RunAsync(DevnetTenant.Patience);
            var after = await ServedAsync(node, tenant, chain, leaseId);

            Assert.Equal(LeaseState.Running, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State);
            Assert.Equal(before.Replica, after.Replica);
            return (before, after);
        }
        finally
        {
            _output.WriteLine("first run:\n" + first.ErrorTail + "\n\nsecond run:\n" + second?.ErrorTail);
            if (!firstKilled)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the node tells the tenant the service's address and a request through it is answered.</summary>
    private async Task<ServedAddress> ServedAsync(DevnetNode node, WalletKey tenant, ProtocolChain chain, BigInteger leaseId)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? url = null;
        string? replica = null;
        await DevnetTenant.Until(async () =>
        {
            url ??= await AddressAsync(http, node.Api, tenant, chain, leaseId);
            if (url is null)
            {
                return false;
            }

            using var response = await http.GetAsync(new Uri(new Uri(url), "echo"));
            replica = response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("replica").GetString() : null;
            return replica is not null;
        }, "the node serves the lease's service and it answers");
        var containers = await ContainersAsync();
        return new ServedAddress(url!, replica!, containers.Count == 1 ? containers[0].ID : null);
    }

    private static async Task<string?> AddressAsync(HttpClient http, Uri api, WalletKey tenant, ProtocolChain chain, BigInteger leaseId)
    {
        var target = $"/leases/{leaseId}/service";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, target));
        foreach (var (name, value) in TenantRequestSigner.Sign(tenant, chain.Deployment.ChainId, "GET", target, DateTimeOffset.UtcNow.AddMinutes(2)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString() : null;
    }

    private async Task<IList<ContainerListResponse>> ContainersAsync()
    {
        if (_engine.SkipReason is not null)
        {
            return [];
        }

        using var client = _engine.CreateClient();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={_nodeName}"] = true } };
        return await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
    }

    private sealed record ServedAddress(string Url, string Replica, string? ContainerId);
}
