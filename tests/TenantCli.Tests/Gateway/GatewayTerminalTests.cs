using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// What a person sees: <c>depin gateway</c> in a real terminal (tmux) in front of one replica of
/// <c>samples/echo-service</c> on a real <c>depin-node</c>. The live view shows the replica admitted as healthy and
/// counts the requests sent through it; when the node is killed, the replica shows as unhealthy with the event that
/// says why, and a request finds no replica (503, counted on screen).
/// </summary>
public sealed class GatewayTerminalTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-gateway-tmux-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public GatewayTerminalTests(ITestOutputHelper output) => _output = output;

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
    public async Task Gateway_InATerminal_ShowsTheReplicaHealthyWithItsRequests_ThenUnhealthyWhenItsNodeDies()
    {
        var patience = GatewayCluster.Patience;
        var node = await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, "node"), "node", 1000);
        var nodeProcess = await node.RunAsync(patience);
        var nodeKilled = false;
        try
        {
            using var tenant = await TenantSession.CreateAsync(_chain);
            var orderId = await OrderAsync(tenant, node);
            var listen = FreePort.Next();
            var environment = new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" };
            await using var terminal = await TmuxSession.StartAsync($"dotnet {CliProcess.Program} gateway --order {orderId} --listen 127.0.0.1:{listen} --gateway {node.Api}", environment);
            try
            {
                await terminal.WaitForAsync("Healthy", patience);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                for (var request = 0; request < 5; request++)
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{listen}/echo"));
                    Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
                }

                var served = await terminal.WaitForAsync("requests 5 ", patience);
                Assert.Contains($"order {orderId}", served, StringComparison.Ordinal);
                Assert.Contains("replica-healthy", served, StringComparison.Ordinal);

                await nodeProcess.DisposeAsync();
                nodeKilled = true;
                var down = await terminal.WaitForAsync("Unhealthy", patience);
                Assert.Contains("replica-unhealthy", down, StringComparison.Ordinal);
                Assert.Contains("Connection refused", down, StringComparison.Ordinal);
                using (var refused = await http.GetAsync(new Uri($"http://127.0.0.1:{listen}/echo")))
                {
                    Assert.Equal(503, (int)refused.StatusCode);
                }

                await terminal.WaitForAsync("no replica 1 ", patience);
            }
            finally
            {
                _output.WriteLine("screen:\n" + await terminal.CaptureHistoryAsync());
            }
        }
        finally
        {
            _output.WriteLine("node:\n" + nodeProcess.ErrorTail);
            if (!nodeKilled)
            {
                await nodeProcess.DisposeAsync();
            }
        }
    }

    private async Task<BigInteger> OrderAsync(TenantSession tenant, ProviderNodeProcess node)
    {
        var spec = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "samples", "echo-service", "server.py")),
            ["resources"] = new JsonObject { ["gpus"] = 1 },
            ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true },
        }.ToJsonString();
        var specFile = tenant.WriteSpec(spec);
        var created = await tenant.JsonAsync($"order create {specFile} --max-price {5000 * 3600}wei --duration 1h --gpu RTX4090 --replicas 1 --standbys 0 --bid-window 120s --gateway {node.Api}");
        var orderId = BigInteger.Parse(created.GetProperty("orderId").GetString()!, CultureInfo.InvariantCulture);
        await GatewayCluster.UploadUntilAcceptedAsync(specFile, [node.Api]);
        var market = _chain.Connection.Market();
        await GatewayCluster.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
        await tenant.JsonAsync($"order finalize {orderId} --yes");
        await GatewayCluster.Until(async () => (await market.GetOrderLeasesAsync(orderId, CancellationToken.None)).Any(lease => lease.State == LeaseState.Running), "the replica runs");
        return orderId;
    }
}
