using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Commands;

/// <summary>
/// <c>logs -f</c> across a real on-chain hand-over: the providers are driven through src/Protocol (ack, release,
/// the standby takes over at epoch 1), and each provider's log route is a loopback server answering the documented
/// <c>GET /leases/{id}/logs</c> with fixed lines (it does not check signatures: the real route's checks are the
/// provider node's tests). The follower must print A's lines, a seam, B's lines, and exit 1 when the lease closes.
/// </summary>
public sealed class LogsFollowTests : IClassFixture<DevnetFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DevnetChain _chain;

    public LogsFollowTests(DevnetFixture fixture) => _chain = fixture.Chain;

    [Fact]
    public async Task LogsFollow_AcrossAHandOver_MarksTheSeamAndFollowsTheNewProviderUntilTheLeaseCloses()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var orderId = BigInteger.Parse((await tenant.Cli.RunAsync($"order create {tenant.WriteSpec()} --max-price 1 --duration 2h --standbys 1 -q")).Output.Trim(), CultureInfo.InvariantCulture);
        var first = await _chain.RegisterProviderAsync();
        var second = await _chain.RegisterProviderAsync();
        await first.Market.PlaceOfferAsync(orderId, 100, CancellationToken.None);
        await second.Market.PlaceOfferAsync(orderId, 200, CancellationToken.None);
        var leaseId = (await tenant.JsonAsync($"order finalize {orderId} --yes")).GetProperty("leaseIds")[0].GetString()!;
        await first.Market.AckLeaseAsync(BigInteger.Parse(leaseId, CultureInfo.InvariantCulture), 0, CancellationToken.None);

        await using var nodeA = Node(first, leaseId, "from A");
        await using var nodeB = Node(second, leaseId, "from B");
        var arguments = new[] { "logs", leaseId, "-f", "-o", "json", "--gateway", nodeA.BaseAddress.ToString(), "--gateway", nodeB.BaseAddress.ToString() };
        var follow = Task.Run(() => tenant.Cli.RunAsync(arguments));

        await Until(() => nodeA.Requests.Contains($"/leases/{leaseId}/logs?after=0") || follow.IsCompleted, "the follower reads provider A's node");
        await second.Registry.HeartbeatAsync(CancellationToken.None);
        await first.Market.ReleaseLeaseAsync(BigInteger.Parse(leaseId, CultureInfo.InvariantCulture), 0, CancellationToken.None);
        var lease = await _chain.Connection.Market().GetLeaseAsync(BigInteger.Parse(leaseId, CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal((LeaseState.Assigned, 1u), (lease!.State, lease.Epoch));
        Assert.Equal(second.Address, lease.Provider, ignoreCase: true);
        await Until(() => nodeB.Requests.Contains($"/leases/{leaseId}/logs?after=0") || follow.IsCompleted, "the follower reads provider B's node");
        var closed = await tenant.Cli.RunAsync($"lease close {leaseId} --yes");
        Assert.True(closed.ExitCode == 0, closed.ToString());

        var result = await follow.WaitAsync(Patience);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"lease {leaseId} closed", result.Error, StringComparison.Ordinal);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(["line:from A", "handover:", "line:from B"], lines.Select(line => line.GetProperty("kind").GetString() + ":" + (line.GetProperty("kind").GetString() == "line" ? line.GetProperty("text").GetString() : string.Empty)).ToArray());
        JsonShape.Matches("logs-line", lines[0].GetRawText());
        JsonShape.Matches("logs-seam", lines[1].GetRawText());
        Assert.Equal(second.Address, lines[1].GetProperty("provider").GetString(), ignoreCase: true);
        Assert.Equal(1u, lines[1].GetProperty("epoch").GetUInt32());
    }

    private static LoopbackHttpServer Node(TestProvider provider, string leaseId, string text)
    {
        var node = new LoopbackHttpServer();
        node.Routes["/status"] = Encoding.UTF8.GetBytes($$"""{"owner":"{{provider.Address}}","operator":"0x2"}""");
        node.Routes[$"/leases/{leaseId}/logs?after=0"] = Encoding.UTF8.GetBytes($$"""[{"sequence":1,"time":"2026-01-01T00:00:00+00:00","isError":false,"text":"{{text}}"}]""");
        return node;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
