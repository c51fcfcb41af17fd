using System.Collections.Concurrent;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Transactions;

/// <summary>
/// Transactions submitted without waiting for their receipt (heartbeats): the sender remembers them and each
/// <see cref="CheckWatchedAsync"/> round forgets the mined ones, sends again, at the same nonce, any the node has
/// dropped (a node restart, a reorg, <c>anvil_dropTransaction</c>) and replaces stuck ones at a higher fee — so a lost
/// transaction never leaves a nonce gap that stalls every later transaction of the key.
/// </summary>
public sealed partial class TransactionSender
{
    // A mined count past our nonce with none of our attempts mined twice in a row: another transaction took the nonce.
    private const int SupersededRounds = 2;

    private readonly ConcurrentDictionary<ulong, WatchedTransaction> _watched = new();
    private readonly SemaphoreSlim _watchRound = new(1, 1);

    /// <summary>Transactions submitted with <see cref="SubmitWatchedAsync"/> and not yet seen mined.</summary>
    public int WatchedCount => _watched.Count;

    /// <summary>
    /// Signs and hands <paramref name="call"/> to the node without waiting for it to be mined, and keeps watching it:
    /// <see cref="CheckWatchedAsync"/> (run by the host's transaction watcher) re-sends it if the node drops it.
    /// </summary>
    public async Task<SentTransaction> SubmitWatchedAsync(TransactionIntent call, CancellationToken cancellationToken)
    {
        var sent = await SubmitAsync(call, cancellationToken).ConfigureAwait(false);
        _watched[sent.Nonce] = new WatchedTransaction(sent);
        return sent;
    }

    /// <summary>Checks every watched transaction once, in nonce order; transport failures propagate (call again later).</summary>
    public async Task<WatchRound> CheckWatchedAsync(CancellationToken cancellationToken)
    {
        await _watchRound.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tally = new WatchTally();
            foreach (var watched in _watched.Values.OrderBy(w => w.Nonce).ToArray())
            {
                await CheckAsync(watched, tally, cancellationToken).ConfigureAwait(false);
            }

            return new WatchRound(tally.Mined, tally.Reverted, tally.Resent, tally.Replaced, tally.Superseded, _watched.Count);
        }
        finally
        {
            _watchRound.Release();
        }
    }

    private async Task CheckAsync(WatchedTransaction watched, WatchTally tally, CancellationToken cancellationToken)
    {
        foreach (var attempt in watched.Attempts)
        {
            var receipt = await _rpc.GetTransactionReceiptAsync(attempt.Hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                await ForgetMinedAsync(watched, attempt, receipt, tally, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (await IsKnownAsync(watched.Latest.Hash, cancellationToken).ConfigureAwait(false))
        {
            await ReplaceIfStuckAsync(watched, tally, cancellationToken).ConfigureAwait(false);
            return;
        }

        var mined = await _rpc.GetTransactionCountAsync(_key.Address, "latest", cancellationToken).ConfigureAwait(false);
        if (mined > watched.Nonce)
        {
            // Receipts can trail the mined count by a moment; only a second round in this state proves the nonce lost.
            if (++watched.RoundsSuperseded >= SupersededRounds)
            {
                _watched.TryRemove(watched.Nonce, out _);
                Metrics.TransactionFailed(watched.Latest.Call.Description);
                LogSuperseded(_logger, watched.Latest.Call.Description, watched.Nonce, _key.Address);
                tally.Superseded++;
            }

            return;
        }

        await ResendAsync(watched, tally, cancellationToken).ConfigureAwait(false);
    }

    private async Task ForgetMinedAsync(WatchedTransaction watched, SentTransaction attempt, TransactionReceipt receipt, WatchTally tally, CancellationToken cancellationToken)
    {
        _watched.TryRemove(watched.Nonce, out _);
        if (receipt.Succeeded)
        {
            tally.Mined++;
            return;
        }

        var failure = await _receipts.FailAsync(attempt, receipt, cancellationToken).ConfigureAwait(false);
        LogWatchedReverted(_logger, attempt.Call.Description, attempt.Hash, failure.Message);
        tally.Reverted++;
    }

    private async Task ReplaceIfStuckAsync(WatchedTransaction watched, WatchTally tally, CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - watched.LastSentAt < _options.StuckAfter || watched.Attempts.Count > _options.MaxReplacements)
        {
            return;
        }

        var replacement = await _receipts.ReplaceAsync(watched.Latest, cancellationToken).ConfigureAwait(false);
        if (replacement is not null)
        {
            watched.Add(replacement);
            tally.Replaced++;
        }
    }

    private async Task ResendAsync(WatchedTransaction watched, WatchTally tally, CancellationToken cancellationToken)
    {
        var latest = watched.Latest;
        var (raw, hash) = TransactionSigner.Sign(_key, _chainId, latest.Call, latest.Nonce, latest.GasLimit, latest.MaxFeePerGas, latest.MaxPriorityFeePerGas);
        try
        {
            await _rpc.SendRawTransactionAsync(raw, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException exception) when (IsAlreadyKnown(exception) || IsNonceTooLow(exception))
        {
            // Back in the pool, or mined meanwhile: the next round sees which.
            return;
        }

        watched.RoundsSuperseded = 0;
        watched.Add(latest with { Hash = hash, SentAt = DateTimeOffset.UtcNow });
        Metrics.TransactionDropped(latest.Call.Description);
        LogResent(_logger, latest.Call.Description, hash, latest.Nonce);
        tally.Resent++;
    }

    private sealed class WatchTally
    {
        public int Mined { get; set; }

        public int Reverted { get; set; }

        public int Resent { get; set; }

        public int Replaced { get; set; }

        public int Superseded { get; set; }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "The node dropped {Description}; sent it again as {Hash} at nonce {Nonce}")]
    private static partial void LogResent(ILogger logger, string description, string hash, ulong nonce);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "{Description} reverted ({Hash}): {Reason}")]
    private static partial void LogWatchedReverted(ILogger logger, string description, string hash, string reason);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Nonce {Nonce} of {Address} was taken by another transaction; {Description} was not mined. Use one sender per key.")]
    private static partial void LogSuperseded(ILogger logger, string description, ulong nonce, string address);
}
