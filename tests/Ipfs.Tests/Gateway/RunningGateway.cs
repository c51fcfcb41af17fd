using System.Net;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>A <see cref="TrustlessGateway"/> on a loopback port chosen by the system, with a client for it; stopped on dispose.</summary>
internal sealed class RunningGateway : IAsyncDisposable
{
    private RunningGateway(TrustlessGateway gateway)
    {
        Gateway = gateway;
        Client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TrustlessGateway Gateway { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Gateway.BaseAddress;

    public static async Task<RunningGateway> StartAsync(IBlockStore store, Func<GatewayOptions, GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions { ListenAddress = IPAddress.Loopback, Port = 0 };
        options = configure?.Invoke(options) ?? options;
        var gateway = new TrustlessGateway(store, options);
        await gateway.StartAsync(CancellationToken.None);
        return new RunningGateway(gateway);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? accept = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
    }
}
