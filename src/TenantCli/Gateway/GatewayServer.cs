using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// The gateway's HTTP side on Kestrel: every request on the listen address goes to <see cref="GatewayProxy"/>;
/// <c>/metrics</c> on the metrics address is the Prometheus exposition. Constructing it starts nothing.
/// </summary>
internal sealed class GatewayServer(GatewayParts parts) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Starts listening; returns once both addresses are bound.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(parts.Options.Listen);
            kestrel.Listen(parts.Options.MetricsListen);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var proxy = new GatewayProxy(parts, app.Services.GetRequiredService<IHttpForwarder>());
        var metricsPort = parts.Options.MetricsListen.Port;
        app.Run(context => context.Connection.LocalPort == metricsPort ? MetricsAsync(context) : proxy.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task MetricsAsync(HttpContext context)
    {
        if (context.Request.Path != "/metrics")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = PrometheusText.ContentType;
        return context.Response.WriteAsync(PrometheusText.Write(parts.Metrics, parts.Replicas), context.RequestAborted);
    }
}
