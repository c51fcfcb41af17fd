using System.Net;
using DePinGpu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Gateway.Bench;

/// <summary>A Kestrel replica answering <c>/echo</c> and <c>/health</c> with a small JSON body, for the added-latency measurement.</summary>
internal sealed class FastReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FastReplica(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FastReplica> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync("{\"method\":\"GET\",\"path\":\"/echo\",\"replica\":\"kestrel\"}"));
        await app.StartAsync();
        return new FastReplica(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
