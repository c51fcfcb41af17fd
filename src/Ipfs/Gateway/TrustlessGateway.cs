using DePinGpu.Ipfs.Blocks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// A read-only IPFS trustless HTTP gateway (specs.ipfs.tech/http-gateways/trustless-gateway) over a block store, on Kestrel:
/// <c>GET</c>/<c>HEAD /ipfs/{cid}[/path]</c> with <c>?format=raw|car</c> or the matching <c>Accept</c> types, content paths
/// through plain and HAMT-sharded directories, <c>dag-scope</c> (all, entity, block) and <c>entity-bytes</c> for CARs, and a
/// file's bytes with <c>Range</c> when asked for with <c>Accept: application/octet-stream</c>. Not supported (documented
/// answers): IPNS (501), other deserialized responses (400 without a verifiable format). Start and stop it like a hosted service; the
/// provider node embeds one, and tests start one on port 0.
/// </summary>
public sealed class TrustlessGateway : IHostedService, IAsyncDisposable
{
    private readonly IBlockStore _store;
    private readonly GatewayOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Access.GatewayAccess? _access;
    private WebApplication? _application;
    private Uri? _baseAddress;

    /// <summary>
    /// Creates a gateway over <paramref name="store"/>; nothing listens until <see cref="StartAsync"/>. With
    /// <paramref name="access"/>, registered checkpoints are served only to their lease's tenant (signed requests).
    /// </summary>
    public TrustlessGateway(IBlockStore store, GatewayOptions options, ILoggerFactory? loggerFactory = null, Access.GatewayAccess? access = null)
    {
        _access = access;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<TrustlessGateway>();
    }

    /// <summary>The address clients use (e.g. <c>http://127.0.0.1:41234/</c>); throws before the gateway has started.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The gateway is not running: call StartAsync first.");

    /// <summary>True between a successful start and the stop.</summary>
    public bool IsRunning => _application is not null;

    /// <summary>Binds the listening socket and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_application is not null)
            {
                throw new InvalidOperationException("The gateway is already running.");
            }

            var application = Build();
            try
            {
                await application.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await application.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _application = application;
            _baseAddress = ResolveBaseAddress(application);
            GatewayLog.Started(_logger, _baseAddress.ToString());
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops accepting requests and waits (until <paramref name="cancellationToken"/>) for running ones to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_application is not { } application)
            {
                return;
            }

            _application = null;
            try
            {
                await application.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await application.DisposeAsync().ConfigureAwait(false);
            }

            GatewayLog.Stopped(_logger, _baseAddress?.ToString() ?? string.Empty);
            _baseAddress = null;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the gateway, giving running requests five seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync(grace.Token).ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(ConfigureKestrel);
        var application = builder.Build();
        var store = _store;
        if (_access is not null)
        {
            // Every block read a request causes is checked against its requester, not only the root.
            store = new Access.AccessScopedBlockStore(_store, _access.Policy);
            application.Use(new Access.GatewayAccessGuard(_access, _logger).InvokeAsync);
        }

        var handler = new GatewayRequestHandler(store, _options, _logger);
        application.Run(handler.HandleAsync);
        return application;
    }

    private void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Listen(_options.ListenAddress, _options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        var limits = kestrel.Limits;
        limits.MaxConcurrentConnections = _options.MaxConnections;
        limits.MaxRequestBodySize = 0;
        limits.MaxRequestHeaderCount = _options.MaxRequestHeaderCount;
        limits.MaxRequestHeadersTotalSize = _options.MaxRequestHeadersTotalSize;
        limits.MaxRequestLineSize = _options.MaxRequestLineSize;
        limits.RequestHeadersTimeout = _options.RequestHeadersTimeout;
        limits.KeepAliveTimeout = _options.KeepAliveTimeout;
    }

    private static Uri ResolveBaseAddress(WebApplication application)
    {
        var addresses = application.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting a listening address.");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
