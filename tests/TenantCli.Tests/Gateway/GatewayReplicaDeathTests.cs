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
/// Requests in flight when their replica's node is killed (SIGKILL, its workload with it), through the gateway in
/// front of four real <c>depin-node</c> daemons serving an idempotent service (tests/…/interruptible_service.py: the
/// sample echo service plus a slow POST and a stream that cannot resume): the POST is answered by another replica, a
/// resumable event stream goes on from another replica with every event once and in order, and a stream that cannot
/// resume ends with a well-formed error event.
/// </summary>
public sealed class GatewayReplicaDeathTests : IAsyncLifetime
{
    private const int StreamEvents = 80;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-gateway-death-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public GatewayReplicaDeathTests(ITestOutputHelper output) => _output = output;

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
    public async Task RequestsInFlight_WhenTheirReplicasNodeIsKilled_PostIsResent_StreamContinues_AndAStreamThatCannotResumeEndsWithAnError()
    {
        await using var cluster = await GatewayCluster.StartAsync(_chain, _directory, Spec(), replicas: 4);
        try
        {
            await IdempotentPostIsAnsweredByAnotherReplicaAsync(cluster);
            await ResumableStreamContinuesOnAnotherReplicaAsync(cluster);
            await StreamThatCannotResumeEndsWithAnErrorEventAsync(cluster);
        }
        finally
        {
            _output.WriteLine($"events:\n{string.Join('\n', cluster.Gateway?.Parts.Events.Recent(60) ?? [])}\n\n{cluster.Logs}");
        }
    }

    private static async Task IdempotentPostIsAnsweredByAnotherReplicaAsync(GatewayCluster cluster)
    {
        var gateway = cluster.Gateway;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var posting = client.PostAsync(new Uri(gateway.Address, "slow?seconds=6"), new StringContent("a prompt", Encoding.UTF8, "text/plain"));
        var victim = await cluster.ReplicaInFlightAsync();
        await cluster.KillNodeOfAsync(victim);

        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a prompt", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(victim.Address.Key, response.Headers.GetValues("X-Replica").Single());
        Assert.True(gateway.Parts.Metrics.Retries >= 1);
        Assert.Equal(0, gateway.Parts.Metrics.Failed);
        await cluster.UntilOutOfRotationAsync(victim);
    }

    private static async Task ResumableStreamContinuesOnAnotherReplicaAsync(GatewayCluster cluster)
    {
        var (blocks, victim) = await StreamKillingItsReplicaAsync(cluster, "events");

        var events = blocks.Select(Parse).ToList();
        Assert.Equal(Enumerable.Range(1, StreamEvents).Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(block => block.Id));
        Assert.Contains(events, block => block.Replica == victim.Address.Key);
        Assert.Equal(2, events.Select(block => block.Replica).Distinct().Count());
        Assert.True(cluster.Gateway.Parts.Metrics.StreamsResumed >= 1);
        await cluster.UntilOutOfRotationAsync(victim);
    }

    private static async Task StreamThatCannotResumeEndsWithAnErrorEventAsync(GatewayCluster cluster)
    {
        var (blocks, _) = await StreamKillingItsReplicaAsync(cluster, "restarting-events");

        var events = blocks.Take(blocks.Count - 1).Select(Parse).ToList();
        Assert.True(events.Count >= 10, string.Join("\n", blocks));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(block => block.Id));
        var error = blocks[^1];
        Assert.StartsWith("event: error\ndata: ", error, StringComparison.Ordinal);
        var data = JsonDocument.Parse(error["event: error\ndata: ".Length..]).RootElement;
        Assert.Equal("stream-interrupted", data.GetProperty("error").GetString());
        Assert.Equal(events.Count, data.GetProperty("delivered").GetInt32());
    }

    /// <summary>Reads a stream of <see cref="StreamEvents"/> events through the gateway, killing the node of its replica after ten; returns the blocks the client got.</summary>
    private static async Task<(List<string> Blocks, Replica Victim)> StreamKillingItsReplicaAsync(GatewayCluster cluster, string route)
    {
        var gateway = cluster.Gateway;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        using var response = await client.GetAsync(new Uri(gateway.Address, $"{route}?count={StreamEvents}&interval=0.05"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var blocks = new List<string>();
        var block = new StringBuilder();
        Replica? victim = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                block.Append(block.Length > 0 ? "\n" : string.Empty).Append(line);
                continue;
            }

            blocks.Add(block.ToString());
            block.Clear();
            if (blocks.Count == 10)
            {
                victim = await cluster.ReplicaInFlightAsync();
                await cluster.KillNodeOfAsync(victim);
            }
        }

        Assert.True(block.Length == 0, "the stream ended inside an event: " + block);
        Assert.NotNull(victim);
        return (blocks, victim);
    }

    private static (string Id, string Replica) Parse(string block)
    {
        var lines = block.Split('\n');
        Assert.True(lines.Length == 2 && lines[0].StartsWith("id: ", StringComparison.Ordinal) && lines[1].StartsWith("data: ", StringComparison.Ordinal), block);
        return (lines[0]["id: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.GetProperty("replica").GetString()!);
    }

    private static string Spec() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "tests", "TenantCli.Tests", "Gateway", "interruptible_service.py")),
        ["resources"] = new JsonObject { ["gpus"] = 1 },
        ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true },
    }.ToJsonString();
}
