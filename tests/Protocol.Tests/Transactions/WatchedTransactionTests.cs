using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Transactions;

public sealed class WatchedTransactionTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly AnvilChain _chain = fixture.Chain;

    private TransactionSender Sender(WalletKey key) =>
        new(_chain.Rpc, key, AnvilChain.ChainId, new RevertDecoder(), new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20), StuckAfter = TimeSpan.FromMinutes(10) });

    private TransactionIntent Transfer(int wei, string description) => new(_chain.Accounts[6].Address, [], new BigInteger(wei), description);

    private async Task<ulong> NonceOfAsync(string hash)
    {
        var transaction = await _chain.CallAsync("eth_getTransactionByHash", hash);
        return Convert.ToUInt64(transaction.GetProperty("nonce").GetString(), 16);
    }

    // The restarted anvil mines each re-sent transaction on its own schedule: check until nothing is pending.
    private static async Task<int> CheckUntilSettledAsync(TransactionSender sender)
    {
        var mined = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (sender.WatchedCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The re-sent transactions were not mined in time.");
            mined += (await sender.CheckWatchedAsync(None)).Mined;
            await Task.Delay(20);
        }

        return mined;
    }

    [Fact]
    public async Task WatchedTransaction_OnceMined_IsForgotten()
    {
        var sender = Sender(_chain.Accounts[1]);

        var sent = await sender.SubmitWatchedAsync(Transfer(1, "heartbeat"), None);
        await WaitForReceiptAsync(sent.Hash);

        var round = await sender.CheckWatchedAsync(None);

        Assert.Equal(new WatchRound(Mined: 1, Reverted: 0, Resent: 0, Replaced: 0, Superseded: 0, Pending: 0), round);
        Assert.NotNull(await _chain.Rpc.GetTransactionReceiptAsync(sent.Hash, None));
        Assert.Equal(0, sender.WatchedCount);
    }

    [Fact]
    public async Task WatchedTransactions_DroppedByTheNode_AreSentAgainAtTheirNonces_WithoutAGap()
    {
        var key = _chain.Accounts[2];
        var sender = Sender(key);
        var start = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None);
        await _chain.SetAutomineAsync(false);
        var first = await sender.SubmitWatchedAsync(Transfer(1, "heartbeat 1"), None);
        var second = await sender.SubmitWatchedAsync(Transfer(2, "heartbeat 2"), None);
        await _chain.CallAsync("anvil_dropTransaction", first.Hash); // what a node restart or a reorg can do to a pending transaction
        var secondDropped = (await _chain.CallAsync("eth_getTransactionByHash", second.Hash)).ValueKind == System.Text.Json.JsonValueKind.Null;

        var repair = await sender.CheckWatchedAsync(None);
        await _chain.CallAsync("evm_mine");
        var settled = await sender.CheckWatchedAsync(None);
        await _chain.SetAutomineAsync(true);

        Assert.True(secondDropped, "anvil drops the transactions that depend on the dropped one as well");
        Assert.Equal(2, repair.Resent);
        Assert.Equal(2, repair.Pending);
        Assert.Equal(2, settled.Mined);
        Assert.Equal(0, settled.Pending);
        Assert.Equal(start + 2, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None));
        Assert.Equal(start + 1, await NonceOfAsync(second.Hash));
        Assert.NotNull(await _chain.Rpc.GetTransactionReceiptAsync(second.Hash, None));
    }

    [Fact]
    public async Task WatchedTransaction_NodeRestartedWithoutItsPool_IsSentAgain_AndLaterSendsFollowWithoutAGap()
    {
        var key = _chain.Accounts[3];
        var sender = Sender(key);
        var start = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None);
        await _chain.SetAutomineAsync(false);
        await sender.SubmitWatchedAsync(Transfer(1, "heartbeat 1"), None);
        await sender.SubmitWatchedAsync(Transfer(2, "heartbeat 2"), None);
        await _chain.CallAsync("anvil_dropAllTransactions"); // the pool a restarted node comes back without

        await _chain.StopAsync();
        await _chain.RestartAsync();
        var repair = await sender.CheckWatchedAsync(None);
        var mined = await CheckUntilSettledAsync(sender);
        var next = await sender.SendAsync(Transfer(3, "after the restart"), None);

        Assert.Equal(2, repair.Resent);
        Assert.Equal(2, repair.Mined + mined);
        Assert.Equal(start + 2, await NonceOfAsync(next.TransactionHash));
        Assert.Equal(start + 3, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None));
    }

    [Fact]
    public async Task WatchedTransaction_NonceTakenByAnotherProgram_IsForgottenAsSuperseded()
    {
        var key = _chain.Accounts[4];
        var sender = Sender(key);
        await _chain.SetAutomineAsync(false);
        var watched = await sender.SubmitWatchedAsync(Transfer(1, "heartbeat"), None);
        await _chain.CallAsync("anvil_dropTransaction", watched.Hash);
        await _chain.SetAutomineAsync(true);
        var (raw, _) = TransactionSigner.Sign(key, AnvilChain.ChainId, Transfer(9, "another program"), watched.Nonce, watched.GasLimit, watched.MaxFeePerGas * 2, watched.MaxPriorityFeePerGas);
        await WaitForReceiptAsync(await _chain.Rpc.SendRawTransactionAsync(raw, None));

        var takenBy = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None);
        Assert.Equal(watched.Nonce + 1, takenBy);

        var first = await sender.CheckWatchedAsync(None);
        var second = await sender.CheckWatchedAsync(None);

        Assert.Equal(1, first.Pending);
        Assert.Equal(1, second.Superseded);
        Assert.Equal(0, sender.WatchedCount);
    }

    /// <summary>Automine answers a send before its block is in: waits (bounded) until the receipt is there.</summary>
    private async Task WaitForReceiptAsync(string hash)
    {
        for (var attempt = 0; attempt < 200 && await _chain.Rpc.GetTransactionReceiptAsync(hash, None) is null; attempt++)
        {
            await Task.Delay(50);
        }
    }
}
