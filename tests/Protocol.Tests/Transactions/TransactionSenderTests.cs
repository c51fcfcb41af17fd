using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Transactions;

public sealed class TransactionSenderTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private readonly AnvilChain _chain = fixture.Chain;

    private TransactionSender Sender(WalletKey key, TransactionOptions? options = null) =>
        new(_chain.Rpc, key, AnvilChain.ChainId, new RevertDecoder(), options ?? new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(20) });

    private static TransactionIntent Transfer(string to, int wei, string description) => new(to, [], new BigInteger(wei), description);

    [Fact]
    public async Task FiftyConcurrentSends_FromOneKey_AreAllMinedWithContiguousNonces()
    {
        var key = _chain.Accounts[1];
        var sender = Sender(key);
        var startNonce = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => sender.SendAsync(Transfer(_chain.Accounts[2].Address, i + 1, $"transfer {i}"), CancellationToken.None))));

        Assert.All(receipts, receipt => Assert.True(receipt.Succeeded));
        Assert.Equal(50, receipts.Select(r => r.TransactionHash).Distinct().Count());
        var nonces = new List<ulong>();
        var values = new List<BigInteger>();
        foreach (var receipt in receipts)
        {
            var transaction = await _chain.CallAsync("eth_getTransactionByHash", receipt.TransactionHash);
            nonces.Add(Convert.ToUInt64(transaction.GetProperty("nonce").GetString(), 16));
            values.Add(BigInteger.Parse("0" + transaction.GetProperty("value").GetString()![2..], System.Globalization.NumberStyles.HexNumber));
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => startNonce + (ulong)i), nonces.Order());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => new BigInteger(i)), values.Order());
        Assert.Equal(startNonce + 50, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    [Fact]
    public async Task TwoSendersOfTheSameKey_ShareOneNonceSequence()
    {
        var key = _chain.Accounts[3];
        var first = Sender(key);
        var second = Sender(key);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? first : second).SendAsync(Transfer(_chain.Accounts[4].Address, i + 1, "t"), CancellationToken.None)));

        Assert.Equal(10, receipts.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(10UL, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    [Fact]
    public async Task StuckTransaction_IsReplacedAtHigherFee_AndOnlyOneIsMined()
    {
        var key = _chain.Accounts[5];
        var sender = Sender(key, new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            StuckAfter = TimeSpan.FromMilliseconds(300),
            MaxReplacements = 1,
        });
        await _chain.SetAutomineAsync(false);
        var sent = await sender.SubmitAsync(Transfer(_chain.Accounts[6].Address, 7, "stuck transfer"), CancellationToken.None);
        var waiting = sender.WaitAsync(sent, CancellationToken.None);

        await WaitForPendingAsync(key.Address, sent.Nonce, hash => hash != sent.Hash, "the replacement reached the pool");
        await _chain.CallAsync("evm_mine");
        var receipt = await waiting;
        await _chain.SetAutomineAsync(true);

        Assert.NotEqual(sent.Hash, receipt.TransactionHash);
        var mined = await _chain.CallAsync("eth_getTransactionByHash", receipt.TransactionHash);
        Assert.Equal(sent.Nonce, Convert.ToUInt64(mined.GetProperty("nonce").GetString(), 16));
        Assert.True(BigInteger.Parse("0" + mined.GetProperty("maxFeePerGas").GetString()![2..], System.Globalization.NumberStyles.HexNumber) > sent.MaxFeePerGas);
        Assert.Equal(sent.Nonce + 1, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
        Assert.Null(await _chain.Rpc.GetTransactionReceiptAsync(sent.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task DroppedTransaction_IsSentAgainAtItsNonce_AndTheNextSendFollowsIt()
    {
        var key = _chain.Accounts[9];
        var sender = Sender(key, new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            StuckAfter = TimeSpan.FromMilliseconds(300),
            MaxReplacements = 2,
        });
        await _chain.SetAutomineAsync(false);
        var sent = await sender.SubmitAsync(Transfer(_chain.Accounts[6].Address, 3, "dropped transfer"), CancellationToken.None);
        await _chain.CallAsync("anvil_dropTransaction", sent.Hash); // what a reorg or a node restart can do to a pending transaction
        var waiting = sender.WaitAsync(sent, CancellationToken.None);

        await WaitForPendingAsync(key.Address, sent.Nonce, _ => true, "the dropped transaction was sent again");
        await _chain.CallAsync("evm_mine");
        var receipt = await waiting;
        await _chain.SetAutomineAsync(true);
        var next = await sender.SendAsync(Transfer(_chain.Accounts[6].Address, 4, "next transfer"), CancellationToken.None);

        var mined = await _chain.CallAsync("eth_getTransactionByHash", receipt.TransactionHash);
        Assert.Equal(sent.Nonce, Convert.ToUInt64(mined.GetProperty("nonce").GetString(), 16));
        var following = await _chain.CallAsync("eth_getTransactionByHash", next.TransactionHash);
        Assert.Equal(sent.Nonce + 1, Convert.ToUInt64(following.GetProperty("nonce").GetString(), 16));
        Assert.Equal(sent.Nonce + 2, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    [Fact]
    public async Task AfterAReceiptTimeout_TheNextSendReadsTheNonceFromTheNode_SoADroppedTransactionLeavesNoGap()
    {
        var key = _chain.Accounts[4];
        var impatient = Sender(key, new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            ReceiptTimeout = TimeSpan.FromMilliseconds(300),
            MaxReplacements = 0,
        });
        var start = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None);
        await _chain.SetAutomineAsync(false);
        var sent = await impatient.SubmitAsync(Transfer(_chain.Accounts[6].Address, 5, "lost transfer"), CancellationToken.None);
        await _chain.CallAsync("anvil_dropTransaction", sent.Hash);
        await Assert.ThrowsAsync<TransactionTimeoutException>(() => impatient.WaitAsync(sent, CancellationToken.None));
        await _chain.SetAutomineAsync(true);

        var receipt = await impatient.SendAsync(Transfer(_chain.Accounts[6].Address, 6, "after the loss"), CancellationToken.None);

        var mined = await _chain.CallAsync("eth_getTransactionByHash", receipt.TransactionHash);
        Assert.Equal(start, Convert.ToUInt64(mined.GetProperty("nonce").GetString(), 16));
        Assert.Equal(start + 1, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    [Fact]
    public async Task NoReceiptInTime_ThrowsTimeoutNamingTheHash_AndSendsNothingElse()
    {
        var key = _chain.Accounts[7];
        var sender = Sender(key, new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            ReceiptTimeout = TimeSpan.FromMilliseconds(400),
            MaxReplacements = 0,
        });
        await _chain.SetAutomineAsync(false);

        var error = await Assert.ThrowsAsync<TransactionTimeoutException>(() => sender.SendAsync(Transfer(_chain.Accounts[6].Address, 1, "slow transfer"), CancellationToken.None));
        await _chain.CallAsync("evm_mine");
        await _chain.SetAutomineAsync(true);

        Assert.Single(error.Hashes);
        Assert.Contains(error.Hashes[0], error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _chain.Rpc.GetTransactionReceiptAsync(error.Hashes[0], CancellationToken.None));
        Assert.Equal(1UL, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    [Fact]
    public async Task UnfundedKey_IsRejectedWithAnActionableMessage_AndTheNonceIsNotBurnt()
    {
        var poor = WalletKey.Generate();
        var sender = Sender(poor);

        var error = await Assert.ThrowsAsync<TransactionRejectedException>(() => sender.SendAsync(Transfer(_chain.Accounts[0].Address, 1, "payment"), CancellationToken.None));

        Assert.Contains("fund", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0UL, await _chain.Rpc.GetTransactionCountAsync(poor.Address, "pending", CancellationToken.None));
    }

    [Fact]
    public async Task RpcDown_SendFailsAsTransport_WithoutHangingOrDoubleSending()
    {
        var key = _chain.Accounts[8];
        var sender = Sender(key, new TransactionOptions { TransientRetries = 2, TransientRetryDelay = TimeSpan.FromMilliseconds(50) });
        await _chain.StopAsync();

        await Assert.ThrowsAsync<RpcTransportException>(() => sender.SendAsync(Transfer(_chain.Accounts[0].Address, 1, "payment"), CancellationToken.None));

        await _chain.RestartAsync();
        var receipt = await sender.SendAsync(Transfer(_chain.Accounts[0].Address, 1, "payment"), CancellationToken.None);
        Assert.True(receipt.Succeeded);
        Assert.Equal(1UL, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", CancellationToken.None));
    }

    /// <summary>Waits (bounded) until the node's pool holds a transaction of <paramref name="address"/> at <paramref name="nonce"/> whose hash matches.</summary>
    private async Task WaitForPendingAsync(string address, ulong nonce, Func<string, bool> hashMatches, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!PendingHashes(await _chain.CallAsync("txpool_content"), address, nonce).Any(hashMatches))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    private static IEnumerable<string> PendingHashes(System.Text.Json.JsonElement pool, string address, ulong nonce) =>
        pool.GetProperty("pending").EnumerateObject()
            .Where(sender => string.Equals(sender.Name, address, StringComparison.OrdinalIgnoreCase))
            .SelectMany(sender => sender.Value.EnumerateObject())
            .Where(entry => entry.Name == nonce.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(entry => entry.Value.GetProperty("hash").GetString()!)
            .ToList();
}
