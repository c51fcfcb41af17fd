using System.Net;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>A real Kestrel server on a free loopback port standing in for one replica; counts the requests it got.</summary>
public sealed class TestReplica : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private TestReplica(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Requests it received (health probes excluded).</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Starts a replica that answers with <paramref name="handler"/> (and 200 on /health).</summary>
    public static async Task<TestReplica> StartAsync(Func<HttpContext, Task> handler)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        TestReplica? replica = null;
        app.Run(async context =>
        {
            if (context.Request.Path == "/health")
            {
                await context.Response.WriteAsync("ok");
                return;
            }

            Interlocked.Increment(ref replica!._hits);
            await handler(context);
        });
        replica = new TestReplica(app, port);
        await app.StartAsync();
        return replica;
    }

    /// <summary>Its address as the gateway knows a replica.</summary>
    internal ReplicaAddress Address(int leaseId) => new(leaseId, 0, $"provider-{leaseId}", new Uri($"http://127.0.0.1:{Port}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
