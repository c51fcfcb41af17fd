using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Transactions;

/// <summary>
/// A watched transaction the node keeps but does not mine (anvil with automine off): each watch round replaces it at a
/// higher fee once it has waited <see cref="TransactionOptions.StuckAfter"/>, at most
/// <see cref="TransactionOptions.MaxReplacements"/> times, and exactly one attempt is mined.
/// </summary>
public sealed class WatchedTransactionReplacementTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly AnvilChain _chain = fixture.Chain;

    [Fact]
    public async Task StuckWatchedTransaction_IsReplacedOncePerRound_UpToTheLimit_AndOneAttemptIsMined()
    {
        var key = _chain.Accounts[1];
        // Stuck as soon as it is sent: the smallest positive wait.
        var sender = Sender(key, stuckAfter: TimeSpan.FromTicks(1), maxReplacements: 2);
        var start = await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None);
        await _chain.SetAutomineAsync(false);
        try
        {
            var sent = await sender.SubmitWatchedAsync(Transfer(1, "heartbeat"), None);
            var rounds = new List<WatchRound>();
            for (var round = 0; round < 3; round++)
            {
                rounds.Add(await sender.CheckWatchedAsync(None));
            }

            await _chain.CallAsync("evm_mine");
            var settled = await sender.CheckWatchedAsync(None);

            Assert.Equal([1, 1, 0], rounds.Select(round => round.Replaced));
            Assert.All(rounds, round => Assert.Equal(1, round.Pending));
            Assert.Equal(new WatchRound(Mined: 1, Reverted: 0, Resent: 0, Replaced: 0, Superseded: 0, Pending: 0), settled);
            Assert.Null(await _chain.Rpc.GetTransactionReceiptAsync(sent.Hash, None)); // a replacement was mined instead
            Assert.Equal(start + 1, await _chain.Rpc.GetTransactionCountAsync(key.Address, "latest", None));
        }
        finally
        {
            await _chain.SetAutomineAsync(true);
        }
    }

    [Fact]
    public async Task WatchedTransactionNotYetStuck_IsLeftAsItIs()
    {
        var key = _chain.Accounts[2];
        var sender = Sender(key, stuckAfter: TimeSpan.FromHours(1), maxReplacements: 3);
        await _chain.SetAutomineAsync(false);
        try
        {
            var sent = await sender.SubmitWatchedAsync(Transfer(2, "heartbeat"), None);
            var waiting = await sender.CheckWatchedAsync(None);
            await _chain.CallAsync("evm_mine");
            var settled = await sender.CheckWatchedAsync(None);

            Assert.Equal(new WatchRound(Mined: 0, Reverted: 0, Resent: 0, Replaced: 0, Superseded: 0, Pending: 1), waiting);
            Assert.Equal(1, settled.Mined);
            Assert.NotNull(await _chain.Rpc.GetTransactionReceiptAsync(sent.Hash, None));
        }
        finally
        {
            await _chain.SetAutomineAsync(true);
        }
    }

    private TransactionSender Sender(WalletKey key, TimeSpan stuckAfter, int maxReplacements) =>
        new(_chain.Rpc, key, AnvilChain.ChainId, new RevertDecoder(), new TransactionOptions
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            StuckAfter = stuckAfter,
            MaxReplacements = maxReplacements,
        });

    private TransactionIntent Transfer(int wei, string description) => new(_chain.Accounts[0].Address, [], new BigInteger(wei), description);
}
