using System.Net;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TestSupport;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>Per-request retries, ejection and re-admission through a real gateway in front of real Kestrel replicas.</summary>
public sealed class GatewayRetryTests
{
    private static readonly Func<HttpContext, Task> Answers = context => context.Response.WriteAsync($"served by {context.Connection.LocalPort}");
    private static readonly Func<HttpContext, Task> Unavailable = context =>
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    };

    private static readonly Func<HttpContext, Task> ResetsAfterReading = async context =>
    {
        using var sink = new MemoryStream();
        await context.Request.Body.CopyToAsync(sink);
        context.Abort();
    };

    [Fact]
    public async Task Get_WhenOneReplicaRefusesConnections_EveryRequestIsServedByTheOther()
    {
        await using var alive = await TestReplica.StartAsync(Answers);
        var dead = new ReplicaAddress(2, 0, "provider-2", new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        await using var gateway = await TestGateway.StartAsync([alive.Address(1), dead]);

        for (var request = 0; request < 20; request++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(20, alive.Hits);
        Assert.Equal(0, gateway.Parts.Metrics.Failed);
    }

    [Fact]
    public async Task Get_WhenOneReplicaAnswers503_IsRetriedAndThatReplicaIsEjected_ThenReadmittedByAProbe()
    {
        await using var failing = await TestReplica.StartAsync(Unavailable);
        await using var healthy = await TestReplica.StartAsync(Answers);
        await using var gateway = await TestGateway.StartAsync([failing.Address(1), healthy.Address(2)]);

        for (var request = 0; request < 20; request++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ejected = gateway.Parts.Replicas.All.Single(replica => replica.Address.LeaseId == 1);
        Assert.Equal(ReplicaHealth.Ejected, ejected.Health);
        Assert.True(gateway.Parts.Metrics.Retries >= 3);

        // Its health path still answers 200: the next probe re-admits it.
        await new ReplicaHealthProber(gateway.Parts, TimeProvider.System).ProbeAllAsync(CancellationToken.None);
        Assert.Equal(ReplicaHealth.Healthy, ejected.Health);
    }

    [Fact]
    public async Task Post_ToANonIdempotentService_WhenTheReplicaResetsMidRequest_IsNotResent()
    {
        await using var first = await TestReplica.StartAsync(ResetsAfterReading);
        await using var second = await TestReplica.StartAsync(ResetsAfterReading);
        await using var gateway = await TestGateway.StartAsync([first.Address(1), second.Address(2)], idempotent: false);

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "echo"), new StringContent("charge the card once"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, first.Hits + second.Hits);
    }

    [Fact]
    public async Task Get_WhenTheReplicaResetsMidRequest_IsResentToAnother()
    {
        await using var first = await TestReplica.StartAsync(ResetsAfterReading);
        await using var second = await TestReplica.StartAsync(ResetsAfterReading);
        await using var gateway = await TestGateway.StartAsync([first.Address(1), second.Address(2)], idempotent: false);

        using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(2, first.Hits + second.Hits);
    }

    [Fact]
    public async Task Post_ToAnIdempotentService_WhenTheReplicaResets_IsResentWithTheSameBody()
    {
        string? received = null;
        await using var resetting = await TestReplica.StartAsync(ResetsAfterReading);
        await using var answering = await TestReplica.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received = await reader.ReadToEndAsync();
            await context.Response.WriteAsync(received);
        });
        await using var gateway = await TestGateway.StartAsync([resetting.Address(1), answering.Address(2)], idempotent: true);

        for (var request = 0; request < 6; request++)
        {
            using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "infer"), new StringContent("a prompt"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("a prompt", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("a prompt", received);
    }

    [Fact]
    public async Task Post_ToANonIdempotentService_WhenTheConnectionIsRefused_IsSentToAnother()
    {
        await using var alive = await TestReplica.StartAsync(Answers);
        var dead = new ReplicaAddress(2, 0, "provider-2", new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        await using var gateway = await TestGateway.StartAsync([dead, alive.Address(1)], idempotent: false);

        for (var request = 0; request < 6; request++)
        {
            using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "echo"), new StringContent("x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(6, alive.Hits);
    }

    [Fact]
    public async Task Post_WhenTheReplicasNodeNoLongerKnowsTheAddress_IsSentToAnother_AndTheAddressIsAskedForAgain()
    {
        await using var unknown = await TestReplica.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers[AttemptTransformer.NodeRefusalHeader] = AttemptTransformer.UnknownAddress;
            return Task.CompletedTask;
        });
        await using var alive = await TestReplica.StartAsync(Answers);
        await using var gateway = await TestGateway.StartAsync([unknown.Address(1), alive.Address(2)], idempotent: false);

        for (var request = 0; request < 6; request++)
        {
            using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "echo"), new StringContent("x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(6, alive.Hits);
        Assert.True(unknown.Hits >= 1);
        Assert.True(gateway.Parts.Replicas.All.Single(replica => replica.Address.LeaseId == 1).IsAddressRefused);
        Assert.False(gateway.Parts.Replicas.All.Single(replica => replica.Address.LeaseId == 2).IsAddressRefused);
    }

    [Fact]
    public async Task Request_WithNoHealthyReplica_Gets503WithRetryAfterAtOnce()
    {
        await using var gateway = await TestGateway.StartAsync([]);

        using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, gateway.Parts.Metrics.NoReplica);
    }

    [Fact]
    public async Task Probe_OfAReplicaWhoseNodeIsGone_MakesItUnhealthyAfterTwoFailures()
    {
        var dead = new ReplicaAddress(2, 0, "provider-2", new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        await using var gateway = await TestGateway.StartAsync([dead]);
        var prober = new ReplicaHealthProber(gateway.Parts, TimeProvider.System);

        await prober.ProbeAllAsync(CancellationToken.None);
        Assert.Equal(ReplicaHealth.Healthy, gateway.Parts.Replicas.All[0].Health);
        await prober.ProbeAllAsync(CancellationToken.None);

        Assert.Equal(ReplicaHealth.Unhealthy, gateway.Parts.Replicas.All[0].Health);
    }

    [Fact]
    public async Task Metrics_AreServedAsPrometheusText()
    {
        await using var alive = await TestReplica.StartAsync(Answers);
        await using var gateway = await TestGateway.StartAsync([alive.Address(1)]);
        using (await gateway.Client.GetAsync(new Uri(gateway.Address, "echo")))
        {
        }

        var text = await gateway.Client.GetStringAsync(gateway.Metrics);

        Assert.Contains("depin_gateway_requests_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("depin_gateway_replica_up{replica=\"1/0\",health=\"Healthy\"} 1", text, StringComparison.Ordinal);
    }
}
