using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Nethereum.Hex.HexConvertors.Extensions;

namespace DePinGpu.Protocol.Tests.Transactions;

/// <summary>
/// What the sender makes of each answer a node can give: the wording of nonce and duplicate errors across clients, a
/// revert at estimation (a real reverting contract on anvil) and at hand-over, a refusal, a nonce that stays taken, and
/// the gas margin it adds to the estimate.
/// </summary>
public sealed class TransactionSenderAnswerTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    // Runtime code PUSH1 0 PUSH1 0 REVERT behind init code that returns it: every call to the contract reverts.
    private const string RevertingContractInitCode = "0x6460006000fd6000526005601bf3";

    private readonly AnvilChain _chain = fixture.Chain;

    [Theory]
    [InlineData("nonce too low: address 0xabc, tx: 5 state: 6", true)] // geth
    [InlineData("Nonce too low. Expected nonce to be 6 but got 5.", true)] // anvil
    [InlineData("Nonce is too low.", true)] // besu
    [InlineData("replacement transaction underpriced", false)]
    [InlineData("nonce too high", false)]
    public void NonceTooLowAnswers_AreRecognisedInEachClientsWording(string message, bool expected) =>
        Assert.Equal(expected, TransactionSender.IsNonceTooLow(new RpcErrorException("eth_sendRawTransaction", -32000, message, null)));

    [Theory]
    [InlineData("already known", true)] // geth
    [InlineData("known transaction: 0x1234", true)] // older geth, erigon
    [InlineData("Transaction with the same hash was already imported.", true)] // nethermind, besu
    [InlineData("transaction underpriced", false)]
    public void AlreadyKnownAnswers_AreRecognisedInEachClientsWording(string message, bool expected) =>
        Assert.Equal(expected, TransactionSender.IsAlreadyKnown(new RpcErrorException("eth_sendRawTransaction", -32000, message, null)));

    [Theory]
    [InlineData(3, "execution reverted", true)]
    [InlineData(3, "custom error 0x12345678", true)] // code 3 alone marks a revert
    [InlineData(-32000, "Execution Reverted: not allowed", true)] // the wording alone, without code 3
    [InlineData(-32000, "insufficient funds for gas * price + value", false)]
    public void RevertAnswers_AreRecognisedByCodeOrWording(int code, string message, bool expected) =>
        Assert.Equal(expected, TransactionSender.IsRevert(new RpcErrorException("eth_estimateGas", code, message, null)));

    [Fact]
    public async Task CallThatReverts_FailsAtEstimationAsARevert_AndSendsNothing()
    {
        var key = _chain.Accounts[1];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var sender = Sender(rpc, key);
        var deployed = await sender.SendAsync(new TransactionIntent(null, RevertingContractInitCode.HexToByteArray(), BigInteger.Zero, "deploy"), CancellationToken.None);
        var start = await CountAsync(key);

        var revert = await Assert.ThrowsAnyAsync<ContractRevertException>(() =>
            sender.SendAsync(TransactionIntent.Create(deployed.ContractAddress!, [1, 2, 3, 4], "doomed call"), CancellationToken.None));

        Assert.Equal("doomed call", revert.Operation);
        Assert.Equal(1, proxy.Count("eth_sendRawTransaction")); // the deployment only
        Assert.Equal(start, await CountAsync(key));
    }

    [Fact]
    public async Task RevertAnsweredAtHandOver_IsARevert_AndTheNextSendUsesTheSameNonce()
    {
        var key = _chain.Accounts[2];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var refused = 0;
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" && Interlocked.Increment(ref refused) == 1
            ? new ProxyRule(ProxyAction.Refuse, 3, "execution reverted")
            : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var sender = Sender(rpc, key);
        var start = await CountAsync(key);

        await Assert.ThrowsAnyAsync<ContractRevertException>(() => sender.SendAsync(Transfer(1, "refused payment"), CancellationToken.None));
        var next = await sender.SendAsync(Transfer(2, "next payment"), CancellationToken.None);

        Assert.Equal(start, await NonceOfAsync(next.TransactionHash));
        Assert.Equal(start + 1, await CountAsync(key));
    }

    [Fact]
    public async Task RefusalAtHandOver_IsRejectedQuotingTheNode_AndNothingIsRetried()
    {
        var key = _chain.Accounts[3];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" ? new ProxyRule(ProxyAction.Refuse, -32000, "replacement transaction underpriced") : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var start = await CountAsync(key);

        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() => Sender(rpc, key).SendAsync(Transfer(3, "payment"), CancellationToken.None));

        Assert.Equal("The node refused 'payment': replacement transaction underpriced", rejected.Message);
        Assert.Equal(1, proxy.Count("eth_sendRawTransaction"));
        Assert.Equal(start, await CountAsync(key));
    }

    [Fact]
    public async Task RefusalForLackOfFunds_AsksToFundTheKey_AndCountsAFailure()
    {
        var key = _chain.Accounts[9];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" ? new ProxyRule(ProxyAction.Refuse, -32000, "insufficient funds for gas * price + value") : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        using var meter = new Meter("test.transactions." + Guid.NewGuid());
        using var counts = new CounterRecorder(meter);

        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() =>
            Sender(rpc, key, metrics: new ChainMetrics(meter)).SendAsync(Transfer(3, "payment"), CancellationToken.None));

        Assert.Equal($"'payment' needs ether for gas: fund {key.Address} and try again.", rejected.Message);
        Assert.Equal(1, counts.Total("depingpu.chain.transactions.failed"));
        Assert.Equal(0, counts.Total("depingpu.chain.transactions.sent"));
    }

    [Fact]
    public async Task RefusalAtEstimation_IsRejectedQuotingTheNode()
    {
        var key = _chain.Accounts[4];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        proxy.Rule = (method, _) => method == "eth_estimateGas" ? new ProxyRule(ProxyAction.Refuse, -32000, "gas required exceeds allowance") : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));

        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() => Sender(rpc, key).SendAsync(Transfer(3, "payment"), CancellationToken.None));

        Assert.Equal("The node refused 'payment': gas required exceeds allowance", rejected.Message);
        Assert.Equal(0, proxy.Count("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task NonceTakenOnEveryAttempt_GivesUpAfterFourAttempts_AndTheNextSendReadsTheNonceAgain()
    {
        var key = _chain.Accounts[5];
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var refusing = true;
        proxy.Rule = (method, _) => method == "eth_sendRawTransaction" && Volatile.Read(ref refusing)
            ? new ProxyRule(ProxyAction.Refuse, -32000, "nonce too low")
            : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var sender = Sender(rpc, key);
        var start = await CountAsync(key);

        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() => sender.SendAsync(Transfer(4, "payment"), CancellationToken.None));
        var pendingReads = proxy.Count("eth_getTransactionCount");
        Volatile.Write(ref refusing, false);
        var next = await sender.SendAsync(Transfer(5, "next payment"), CancellationToken.None);

        Assert.Contains("could not get a nonce", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(5, proxy.Count("eth_sendRawTransaction")); // four refused attempts, then the next payment
        Assert.Equal(4, pendingReads); // the first read, then one after each of the first three refusals
        Assert.Equal(5, proxy.Count("eth_getTransactionCount")); // the next send asks the node again
        Assert.Equal(start, await NonceOfAsync(next.TransactionHash));
    }

    [Fact]
    public async Task NonceReadRefused_FailsThatSend_AndDoesNotBlockTheKeysNextSend()
    {
        var key = await FundedKeyAsync();
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        var reads = 0;
        proxy.Rule = (method, _) => method == "eth_getTransactionCount" && Interlocked.Increment(ref reads) == 1
            ? new ProxyRule(ProxyAction.Refuse, -32000, "header not found")
            : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var sender = Sender(rpc, key);

        var refused = await Assert.ThrowsAsync<RpcErrorException>(() => sender.SendAsync(Transfer(1, "payment"), CancellationToken.None));
        // Were the key's send lock kept by the failed send, this would wait forever: bound it generously.
        var next = await sender.SendAsync(Transfer(2, "next payment"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal("header not found", refused.RpcMessage);
        Assert.True(next.Succeeded);
        Assert.Equal(0UL, await NonceOfAsync(next.TransactionHash));
    }

    [Theory]
    [InlineData("already known")]
    [InlineData("nonce too low")]
    public async Task DroppedWatchedTransaction_WhoseResendTheNodeCallsKnownOrMined_IsLeftForTheNextRound(string answer)
    {
        var key = await FundedKeyAsync();
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        var sender = Sender(rpc, key, new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20), StuckAfter = TimeSpan.FromHours(1) });
        await _chain.SetAutomineAsync(false);
        try
        {
            var watched = await sender.SubmitWatchedAsync(Transfer(1, "heartbeat"), CancellationToken.None);
            await _chain.CallAsync("anvil_dropTransaction", watched.Hash);
            proxy.Rule = (method, _) => method == "eth_sendRawTransaction" ? new ProxyRule(ProxyAction.Refuse, -32000, answer) : null;

            var round = await sender.CheckWatchedAsync(CancellationToken.None);

            Assert.Equal(new WatchRound(Mined: 0, Reverted: 0, Resent: 0, Replaced: 0, Superseded: 0, Pending: 1), round);
            Assert.Equal(2, proxy.Count("eth_sendRawTransaction")); // the submission and the one resend
        }
        finally
        {
            await _chain.SetAutomineAsync(true);
        }
    }

    [Theory]
    [InlineData(6, 25, 26_250)]
    [InlineData(7, 0, 21_000)]
    [InlineData(8, 300, 84_000)]
    public async Task GasLimit_IsTheEstimatePlusTheMargin(int account, int marginPercent, ulong expectedGasLimit)
    {
        var key = _chain.Accounts[account];
        var sender = Sender(_chain.Rpc, key, new TransactionOptions { GasMarginPercent = marginPercent, ReceiptPollInterval = TimeSpan.FromMilliseconds(20) });

        var sent = await sender.SubmitAsync(Transfer(7, "payment"), CancellationToken.None); // a plain transfer: 21,000 gas
        await sender.WaitAsync(sent, CancellationToken.None);

        Assert.Equal(expectedGasLimit, sent.GasLimit);
    }

    /// <summary>A new key with ether and no transactions, so no other test's nonce cache knows it.</summary>
    private async Task<WalletKey> FundedKeyAsync()
    {
        var key = WalletKey.Generate();
        await _chain.CallAsync("anvil_setBalance", key.Address, "0x56bc75e2d63100000"); // 100 ether
        return key;
    }

    private TransactionIntent Transfer(int wei, string description) => new(_chain.Accounts[0].Address, [], new BigInteger(wei), description);

    private static TransactionSender Sender(EthereumRpc rpc, WalletKey key, TransactionOptions? options = null, ChainMetrics? metrics = null) =>
        new(rpc, key, AnvilChain.ChainId, new RevertDecoder(), options ?? new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) }, metrics: metrics);

    private Task<ulong> CountAsync(WalletKey key) => _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None);

    private async Task<ulong> NonceOfAsync(string hash) =>
        ulong.Parse((await _chain.CallAsync("eth_getTransactionByHash", hash)).GetProperty("nonce").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
