using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Rpc;

public sealed class JsonRpcClientTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private readonly AnvilChain _chain = fixture.Chain;

    [Fact]
    public async Task InjectedHttpClient_CarriesTheRequests_AndStaysOpenAfterTheClientIsDisposed()
    {
        var counting = new CountingHandler { InnerHandler = JsonRpcClient.CreateHandler() };
        using var http = new HttpClient(counting) { Timeout = TimeSpan.FromSeconds(10) };

        ulong chainId;
        using (var rpc = new EthereumRpc(new JsonRpcClient(http, _chain.RpcUrl)))
        {
            chainId = await rpc.GetChainIdAsync(CancellationToken.None);
        }

        using var again = new EthereumRpc(new JsonRpcClient(http, _chain.RpcUrl));
        var head = await again.GetBlockNumberAsync(CancellationToken.None);
        var headSeenDirectly = await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None);

        Assert.Equal(AnvilChain.ChainId, chainId);
        Assert.Equal(headSeenDirectly, head);
        Assert.Equal(2, counting.Requests);
    }

    [Fact]
    public void InjectedHttpClient_WithANonHttpEndpoint_IsRefused()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentException>(() => new JsonRpcClient(http, new Uri("ftp://127.0.0.1/")));
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
