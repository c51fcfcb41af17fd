using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>Least-requests balancing and the <c>--json</c> event lines, through a real gateway in front of real Kestrel replicas.</summary>
public sealed class GatewayBalancingAndEventsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NewRequests_GoToTheReplicaWithFewerInFlight_WhileTheOtherHoldsALongRequest()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<HttpContext, Task> handler = async context =>
        {
            if (context.Request.Path == "/long")
            {
                held.TrySetResult();
                await release.Task;
            }

            await context.Response.WriteAsync("done");
        };
        await using var first = await TestReplica.StartAsync(handler);
        await using var second = await TestReplica.StartAsync(handler);
        await using var gateway = await TestGateway.StartAsync([first.Address(1), second.Address(2)]);
        var replicas = gateway.Parts.Replicas.All;

        var longRequest = gateway.Client.GetAsync(new Uri(gateway.Address, "long"));
        await held.Task.WaitAsync(Patience);
        var holding = first.Hits == 1 ? first : second;
        var other = holding == first ? second : first;
        var otherReplica = replicas.Single(replica => replica.Address.Prefix.Port == other.Port);
        for (var request = 0; request < 10; request++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "short"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The gateway counts an attempt as ended just after the client has its answer: wait for that, so that the
            // next pick sees 1 in flight on the holding replica and 0 on the other (round-robin would alternate).
            await UntilAsync(() => otherReplica.InFlight == 0);
        }

        release.SetResult();
        Assert.Equal(1, holding.Hits);
        Assert.Equal(10, other.Hits);
        using var longResponse = await longRequest;
        Assert.Equal(HttpStatusCode.OK, longResponse.StatusCode);
    }

    [Fact]
    public async Task JsonEvents_ForAReplicaThatKeepsAnswering503_ShowEachFailedAttempt_TheRetries_AndItsEjection()
    {
        await using var failing = await TestReplica.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var healthy = await TestReplica.StartAsync(context => context.Response.WriteAsync("ok"));
        using var json = new StringWriter();
        await using var gateway = await TestGateway.StartAsync([failing.Address(1), healthy.Address(2)], events: json);

        // Until the failing replica has failed three requests in a row (the ejection threshold), each request that
        // picked it first is retried on the healthy one; after that it gets none.
        for (var request = 0; request < 12; request++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var events = json.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, entry =>
        {
            Assert.True(entry.GetProperty("at").TryGetDateTimeOffset(out _));
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("detail").GetString()));
        });
        var kinds = events.Select(entry => (Kind: entry.GetProperty("kind").GetString(), Replica: entry.GetProperty("replica").GetString())).ToList();
        Assert.Equal(3, failing.Hits);
        Assert.Equal([("attempt-failed", "1/0"), ("retry", "2/0"), ("attempt-failed", "1/0"), ("retry", "2/0"), ("attempt-failed", "1/0"), ("replica-ejected", "1/0"), ("retry", "2/0")], kinds);
        Assert.Contains("503", events[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}
