using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// A service whose spec says <c>idempotent: false</c>, on three real <c>depin-node</c> daemons behind the gateway
/// (tests/…/interruptible_service.py counts each slow POST's request id): a POST in flight when its replica's node is
/// killed (SIGKILL, its workload with it) is not re-sent — the client gets 502 and no other replica ever saw that
/// request id — while a closed-loop load of GETs through the same kill gets every answer.
/// </summary>
public sealed class GatewayNonIdempotentDeathTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-gateway-once-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public GatewayNonIdempotentDeathTests(ITestOutputHelper output) => _output = output;

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
    public async Task PostInFlight_ToANonIdempotentService_WhenItsReplicasNodeIsKilled_IsNotResent_WhileGetsThroughTheKillAllSucceed()
    {
        await using var cluster = await GatewayCluster.StartAsync(_chain, _directory, Spec(), replicas: 3);
        try
        {
            var gateway = cluster.Gateway;
            await using var load = ClosedLoopLoad.Start(gateway.Address, workers: 2);
            await GatewayCluster.Until(() => Task.FromResult(load.Succeeded > 50), "GETs flow through the gateway");
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var requestId = Guid.NewGuid().ToString("N");
            var posting = client.PostAsync(new Uri(gateway.Address, $"slow?seconds=8&id={requestId}"), new StringContent("charge the card once", Encoding.UTF8, "text/plain"));
            Replica? victim = null;
            await GatewayCluster.Until(async () => (victim = await ReplicaThatSawAsync(client, gateway.Parts.Replicas.All, requestId)) is not null, "a replica has the POST");
            await cluster.KillNodeOfAsync(victim!);

            using var response = await posting;

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            var survivors = gateway.Parts.Replicas.All.Where(replica => replica.Address.Provider != victim!.Address.Provider).ToList();
            Assert.Equal(2, survivors.Count);
            foreach (var survivor in survivors)
            {
                Assert.Equal(0, await CountAsync(client, survivor, requestId));
            }

            Assert.DoesNotContain(gateway.Parts.Events.Recent(200), entry => entry.Kind == "retry" && entry.Detail.Contains("POST", StringComparison.Ordinal));
            await cluster.UntilOutOfRotationAsync(victim!);
            var target = load.Succeeded + 200;
            await GatewayCluster.Until(() => Task.FromResult(load.Succeeded > target), "GETs flow after the kill");
            await load.StopAsync();
            Assert.True(load.Failed == 0, string.Join('\n', load.Failures));
            _output.WriteLine($"GETs {load.Succeeded}, retries {gateway.Parts.Metrics.Retries}, failed client requests {gateway.Parts.Metrics.Failed} (the POST)");
        }
        finally
        {
            _output.WriteLine($"events:\n{string.Join('\n', cluster.Gateway?.Parts.Events.Recent(60) ?? [])}\n\n{cluster.Logs}");
        }
    }

    /// <summary>The replica whose service counted <paramref name="requestId"/>, asked directly (not through the gateway).</summary>
    private static async Task<Replica?> ReplicaThatSawAsync(HttpClient client, IEnumerable<Replica> replicas, string requestId)
    {
        foreach (var replica in replicas)
        {
            if (await CountAsync(client, replica, requestId) > 0)
            {
                return replica;
            }
        }

        return null;
    }

    private static async Task<int> CountAsync(HttpClient client, Replica replica, string requestId)
    {
        using var response = await client.GetAsync(replica.Address.Target($"/seen?id={requestId}"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
    }

    private static string Spec() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "tests", "TenantCli.Tests", "Gateway", "interruptible_service.py")),
        ["resources"] = new JsonObject { ["gpus"] = 1 },
        ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = false },
    }.ToJsonString();
}
