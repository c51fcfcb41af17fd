using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Transactions;

/// <summary>
/// The sender against what a shared key and a real network do to it: another program using the key's nonce, a node that
/// answers "already known", an answer lost after the node took the transaction, and one transaction of a concurrent burst
/// dropped from the pool. Faults are injected by a loopback proxy in front of a real anvil.
/// </summary>
public sealed class TransactionSenderFaultTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private readonly AnvilChain _chain = fixture.Chain;

    [Fact]
    public async Task NonceTakenByAnotherProgram_TheSenderMovesPastIt_AndSendsItsTransactionOnce()
    {
        var key = _chain.Accounts[1];
        var logger = new TestLogger<TransactionSender>();
        var sender = Sender(_chain.Rpc, key, logger: logger);
        await sender.SendAsync(Transfer(2, "first"), CancellationToken.None); // caches the next nonce
        var cached = await CountAsync(key);

        // Another program (here the node's own wallet for the same unlocked account) takes the cached nonce.
        await _chain.CallAsync("eth_sendTransaction", new Dictionary<string, string> { ["from"] = key.Address, ["to"] = _chain.Accounts[2].Address, ["value"] = "0x5" });
        var receipt = await sender.SendAsync(Transfer(2, "second"), CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(cached + 1, await NonceOfAsync(receipt.TransactionHash));
        Assert.Equal(cached + 2, await CountAsync(key));
        Assert.Equal(1, logger.Count(1003));
    }

    [Fact]
    public async Task AlreadyKnownAnswer_CountsAsSent_AndTheReceiptIsAwaited()
    {
        var key = _chain.Accounts[3];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var answered = 0;
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" && Interlocked.Increment(ref answered) == 1
            ? new ProxyRule(ProxyAction.ForwardThenAnswerError, -32000, "already known")
            : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var start = await CountAsync(key);

        var receipt = await Sender(rpc, key).SendAsync(Transfer(4, "payment"), CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(1, proxy.Count("eth_sendRawTransaction"));
        Assert.Equal(start, await NonceOfAsync(receipt.TransactionHash));
        Assert.Equal(start + 1, await CountAsync(key));
    }

    [Fact]
    public async Task AnswerLostAfterTheNodeTookTheTransaction_IsRetriedWithTheSameBytes_AndMinedOnce()
    {
        var key = _chain.Accounts[5];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var sent = 0;
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" && Interlocked.Increment(ref sent) == 1 ? new ProxyRule(ProxyAction.ForwardThenCut) : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var start = await CountAsync(key);
        var sender = Sender(rpc, key, new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20), TransientRetries = 2, TransientRetryDelay = TimeSpan.FromMilliseconds(20) });

        var receipt = await sender.SendAsync(Transfer(6, "payment"), CancellationToken.None);

        Assert.True(receipt.Succeeded);
        Assert.Equal(2, proxy.Count("eth_sendRawTransaction"));
        Assert.Equal(start, await NonceOfAsync(receipt.TransactionHash));
        Assert.Equal(start + 1, await CountAsync(key));
    }

    [Fact]
    public async Task AnswerLostWithoutRetries_FailsNamingTheHash_AndTheNextSendLeavesNoGapAndNoDuplicate()
    {
        var key = _chain.Accounts[7];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var sent = 0;
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" && Interlocked.Increment(ref sent) == 1 ? new ProxyRule(ProxyAction.ForwardThenCut) : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var start = await CountAsync(key);
        var sender = Sender(rpc, key, new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20), TransientRetries = 0 });

        var lost = await Assert.ThrowsAsync<RpcTransportException>(() => sender.SendAsync(Transfer(8, "payment"), CancellationToken.None));
        var next = await sender.SendAsync(Transfer(9, "next payment"), CancellationToken.None);

        var hash = System.Text.RegularExpressions.Regex.Match(lost.Message, "0x[0-9a-f]{64}").Value;
        Assert.Contains("Look the hash up", lost.Message, StringComparison.Ordinal);
        Assert.NotNull(await _chain.Rpc.GetTransactionReceiptAsync(hash, CancellationToken.None)); // it did reach the node
        Assert.Equal(start + 1, await NonceOfAsync(next.TransactionHash));
        Assert.Equal(start + 2, await CountAsync(key));
    }

    [Fact]
    public async Task OneDroppedAmongConcurrentSends_IsSentAgain_AndAllAreMinedWithContiguousNonces()
    {
        var key = _chain.Accounts[9];
        var sender = Sender(_chain.Rpc, key, new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            StuckAfter = TimeSpan.FromMilliseconds(300),
            MaxReplacements = 3,
        });
        var start = await CountAsync(key);
        await _chain.SetAutomineAsync(false);
        try
        {
            var submitted = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => sender.SubmitAsync(Transfer(10 + i, $"burst {i}"), CancellationToken.None)));
            var dropped = submitted.Single(transaction => transaction.Nonce == start + 2);
            await _chain.CallAsync("anvil_dropTransaction", dropped.Hash);
            var waiting = Task.WhenAll(submitted.Select(transaction => sender.WaitAsync(transaction, CancellationToken.None)));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!waiting.IsCompleted && DateTime.UtcNow < deadline)
            {
                await _chain.CallAsync("evm_mine");
                await Task.WhenAny(waiting, Task.Delay(100));
            }

            var receipts = await waiting.WaitAsync(TimeSpan.FromSeconds(1));
            Assert.All(receipts, receipt => Assert.True(receipt.Succeeded));
            var nonces = new List<ulong>();
            foreach (var receipt in receipts)
            {
                nonces.Add(await NonceOfAsync(receipt.TransactionHash));
            }

            Assert.Equal(Enumerable.Range(0, 5).Select(i => start + (ulong)i), nonces.Order());
            Assert.Equal(start + 5, await CountAsync(key));
        }
        finally
        {
            await _chain.SetAutomineAsync(true);
        }
    }

    private TransactionIntent Transfer(int wei, string description) => new(_chain.Accounts[0].Address, [], new BigInteger(wei), description);

    private static TransactionSender Sender(EthereumRpc rpc, WalletKey key, TransactionOptions? options = null, TestLogger<TransactionSender>? logger = null) =>
        new(rpc, key, AnvilChain.ChainId, new RevertDecoder(), options ?? new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) }, logger);

    private Task<ulong> CountAsync(WalletKey key) => _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None);

    private async Task<ulong> NonceOfAsync(string hash) =>
        ulong.Parse((await _chain.CallAsync("eth_getTransactionByHash", hash)).GetProperty("nonce").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
