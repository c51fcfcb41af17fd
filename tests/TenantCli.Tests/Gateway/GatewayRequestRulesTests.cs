using System.Net;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// The per-request rules of issue #17 through a real gateway in front of real Kestrel replicas: the attempt limit,
/// a client that went away, and the body buffer limit. Attempts are counted where they land: at the replicas.
/// </summary>
public sealed class GatewayRequestRulesTests
{
    private static readonly Func<HttpContext, Task> ResetsAfterReading = async context =>
    {
        using var sink = new MemoryStream();
        await context.Request.Body.CopyToAsync(sink);
        context.Abort();
    };

    private static readonly Func<HttpContext, Task> Unavailable = context =>
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    };

    [Fact]
    public async Task Get_WhenEveryReplicaResets_IsTriedExactlyThreeTimesByDefault_ThenGets502WithRetryAfter()
    {
        var replicas = await StartReplicasAsync(4, ResetsAfterReading);
        try
        {
            await using var gateway = await TestGateway.StartAsync(replicas.Select((replica, index) => replica.Address(index + 1)));

            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            Assert.Equal(3, replicas.Sum(replica => replica.Hits));
            Assert.Equal(3, replicas.Count(replica => replica.Hits == 1));
            Assert.Equal(2, gateway.Parts.Metrics.Retries);
            Assert.Equal(1, gateway.Parts.Metrics.Failed);
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    [Fact]
    public async Task Get_WhenEveryReplicaAnswers503_IsTriedExactlyThreeTimesByDefault_AndTheClientGetsTheLast503()
    {
        var replicas = await StartReplicasAsync(4, Unavailable);
        try
        {
            await using var gateway = await TestGateway.StartAsync(replicas.Select((replica, index) => replica.Address(index + 1)));

            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "echo"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(3, replicas.Sum(replica => replica.Hits));
            Assert.Equal(3, replicas.Count(replica => replica.Hits == 1));
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    [Fact]
    public async Task Get_WhoseClientWentAway_IsNotRetriedOnAnotherReplica()
    {
        var arrivals = 0;
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<HttpContext, Task> holdsTheFirstRequest = async context =>
        {
            if (Interlocked.Increment(ref arrivals) > 1)
            {
                await context.Response.WriteAsync("a retry reached me");
                return;
            }

            firstArrived.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // Expected: held until the gateway cancels it because its client left; the gateway decides what next.
            }
        };
        var replicas = await StartReplicasAsync(2, holdsTheFirstRequest);
        try
        {
            var gateway = await TestGateway.StartAsync(replicas.Select((replica, index) => replica.Address(index + 1)));
            try
            {
                using var leaving = new CancellationTokenSource();
                var request = gateway.Client.GetAsync(new Uri(gateway.Address, "echo"), leaving.Token);
                await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
                await leaving.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
            }
            finally
            {
                // Stopping the gateway waits for the request it is handling: any retry has been made by then.
                await gateway.DisposeAsync();
            }

            Assert.Equal(1, Volatile.Read(ref arrivals));
            Assert.Equal(0, gateway.Parts.Metrics.Retries);
            Assert.Equal(0, gateway.Parts.Metrics.Failed);
            Assert.All(gateway.Parts.Replicas.All, replica => Assert.Equal(0, replica.InFlight));
            Assert.All(gateway.Parts.Replicas.All, replica => Assert.Equal(0, replica.Failures));
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    [Fact]
    public async Task Post_WithoutContentLength_OverTheBodyLimit_Gets413_AndReachesNoReplica()
    {
        await using var replica = await TestReplica.StartAsync(context => context.Response.WriteAsync("reached"));
        await using var gateway = await TestGateway.StartAsync([replica.Address(1)], idempotent: true, maxBodyBytes: 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "infer")) { Content = new ByteArrayContent(new byte[4096]) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, replica.Hits);
    }

    [Fact]
    public async Task Post_WithoutContentLength_WithinTheBodyLimit_IsForwardedWhole()
    {
        var received = -1;
        await using var replica = await TestReplica.StartAsync(async context =>
        {
            using var sink = new MemoryStream();
            await context.Request.Body.CopyToAsync(sink);
            received = (int)sink.Length;
            await context.Response.WriteAsync("reached");
        });
        await using var gateway = await TestGateway.StartAsync([replica.Address(1)], idempotent: true, maxBodyBytes: 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "infer")) { Content = new ByteArrayContent(new byte[1024]) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024, received);
    }

    [Fact]
    public async Task Post_WithContentLengthOverTheBodyLimit_IsStreamedToOneReplica_AndNotResentWhenItResets()
    {
        var replicas = await StartReplicasAsync(2, ResetsAfterReading);
        try
        {
            await using var gateway = await TestGateway.StartAsync(replicas.Select((replica, index) => replica.Address(index + 1)), idempotent: true, maxBodyBytes: 1024);

            using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "infer"), new ByteArrayContent(new byte[4096]));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal(1, replicas.Sum(replica => replica.Hits));
            Assert.Equal(0, gateway.Parts.Metrics.Retries);
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    private static async Task<List<TestReplica>> StartReplicasAsync(int count, Func<HttpContext, Task> handler)
    {
        var replicas = new List<TestReplica>();
        for (var index = 0; index < count; index++)
        {
            replicas.Add(await TestReplica.StartAsync(handler));
        }

        return replicas;
    }

    private static async Task DisposeAllAsync(IEnumerable<TestReplica> replicas)
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
