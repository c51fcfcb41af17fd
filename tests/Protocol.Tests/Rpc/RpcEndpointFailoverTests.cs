using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using DePinGpu.TestSupport.Faults;

namespace DePinGpu.Protocol.Tests.Rpc;

/// <summary>Several RPC endpoints of one chain: reads fail over, transactions go to every endpoint.</summary>
public sealed class RpcEndpointFailoverTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private readonly AnvilChain _chain = fixture.Chain;

    [Fact]
    public async Task Request_WhenTheFirstEndpointRefuses_IsAnsweredByTheNext_WhichIsTriedFirstFromThenOn()
    {
        await using var dead = TcpProxy.Start(_chain.RpcUrl);
        await dead.CloseAsync();
        using var rpc = new EthereumRpc([dead.Url, _chain.RpcUrl], TimeSpan.FromSeconds(10));

        Assert.Equal(AnvilChain.ChainId, await rpc.GetChainIdAsync(CancellationToken.None));
        Assert.Equal(_chain.RpcUrl, rpc.Client.PreferredEndpoint);
        Assert.Equal(dead.Url, rpc.Client.Endpoint);
        var acceptedBefore = dead.AcceptedConnections;
        dead.Open();
        await rpc.GetBlockNumberAsync(CancellationToken.None);
        Assert.Equal(acceptedBefore, dead.AcceptedConnections);
    }

    [Fact]
    public async Task Request_WhenEveryEndpointIsDown_FailsAsTransient_NamingEveryEndpoint()
    {
        var first = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var second = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var rpc = new EthereumRpc([first, second], TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<RpcTransportException>(() => rpc.GetChainIdAsync(CancellationToken.None));

        Assert.Contains(first.ToString().TrimEnd('/'), failure.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString().TrimEnd('/'), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_GoesToEveryEndpoint_WithTheSameSignedBytes_AndTheSecondCopyIsNotAnError()
    {
        var key = _chain.Accounts[1];
        await using var first = JsonRpcProxy.Start(_chain.RpcUrl);
        await using var second = JsonRpcProxy.Start(_chain.RpcUrl);
        using var rpc = new EthereumRpc([first.Url, second.Url], TimeSpan.FromSeconds(30));
        var start = await CountAsync(key);

        var receipt = await Sender(rpc, key).SendAsync(Transfer(3, "payment"), CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(1, first.Count("eth_sendRawTransaction"));
        Assert.Equal(1, second.Count("eth_sendRawTransaction"));
        Assert.Equal(start + 1, await CountAsync(key));
    }

    [Fact]
    public async Task Send_WhileTheFirstEndpointIsClosed_IsMinedThroughTheSecond()
    {
        var key = _chain.Accounts[2];
        await using var dead = TcpProxy.Start(_chain.RpcUrl);
        await dead.CloseAsync();
        using var rpc = new EthereumRpc([dead.Url, _chain.RpcUrl], TimeSpan.FromSeconds(10));
        var start = await CountAsync(key);

        var receipt = await Sender(rpc, key).SendAsync(Transfer(4, "payment"), CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(start + 1, await CountAsync(key));
    }

    [Fact]
    public async Task Broadcast_WhenNoEndpointTakesIt_FailsWithTheNodesAnswer()
    {
        await using var first = JsonRpcProxy.Start(_chain.RpcUrl);
        first.Rule = (_, _) => new ProxyRule(ProxyAction.Refuse, -32000, "insufficient funds for gas");
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        using var rpc = new EthereumRpc([nobody, first.Url], TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<RpcErrorException>(() => rpc.SendRawTransactionAsync("0x01", CancellationToken.None));

        Assert.Contains("insufficient funds", refused.RpcMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1:1/")]
    public void Client_WithABadOrRepeatedEndpoint_IsRefused(string second) =>
        Assert.Throws<ArgumentException>(() => new JsonRpcClient([new Uri("http://127.0.0.1:1/"), new Uri(second)]));

    private TransactionIntent Transfer(int wei, string description) => new(_chain.Accounts[0].Address, [], new BigInteger(wei), description);

    private static TransactionSender Sender(EthereumRpc rpc, WalletKey key) =>
        new(rpc, key, AnvilChain.ChainId, new RevertDecoder(), new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) });

    private Task<ulong> CountAsync(WalletKey key) => _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None);
}
