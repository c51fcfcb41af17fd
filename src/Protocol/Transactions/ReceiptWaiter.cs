using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;

namespace DePinGpu.Protocol.Transactions;

/// <summary>Waits for a transaction's receipt and replaces it at a higher fee (same nonce) when it is stuck.</summary>
internal sealed partial class ReceiptWaiter(
    EthereumRpc rpc,
    WalletKey key,
    ulong chainId,
    TransactionOptions options,
    FeeOracle fees,
    TransactionSender sender,
    ILogger logger)
{
    public async Task<TransactionReceipt> WaitAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var attempts = new List<SentTransaction> { sent };
        var deadline = DateTimeOffset.UtcNow + options.ReceiptTimeout;
        var lastSentAt = sent.SentAt;
        var transportDown = false;
        while (true)
        {
            try
            {
                foreach (var attempt in attempts)
                {
                    var receipt = await rpc.GetTransactionReceiptAsync(attempt.Hash, cancellationToken).ConfigureAwait(false);
                    if (receipt is not null)
                    {
                        return receipt.Succeeded ? receipt : throw await FailAsync(attempt, receipt, cancellationToken).ConfigureAwait(false);
                    }
                }

                transportDown = false;
            }
            catch (RpcTransportException exception)
            {
                // Keep waiting: the transaction is in the node's hands whether or not we can see it right now.
                if (!transportDown)
                {
                    LogReceiptTransport(logger, sent.Call.Description, exception.Message);
                }

                transportDown = true;
            }

            var now = DateTimeOffset.UtcNow;
            if (now >= deadline)
            {
                sender.ResetNonce();
                throw new TransactionTimeoutException(sent.Call.Description, attempts.Select(a => a.Hash).ToArray(), options.ReceiptTimeout);
            }

            if (!transportDown && now - lastSentAt >= options.StuckAfter && attempts.Count <= options.MaxReplacements)
            {
                lastSentAt = now;
                var replacement = await ReplaceAsync(attempts[^1], cancellationToken).ConfigureAwait(false);
                if (replacement is not null)
                {
                    attempts.Add(replacement);
                }
            }

            await Task.Delay(options.ReceiptPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Re-signs <paramref name="stuck"/> at a higher fee with the same nonce and sends it; null when nothing was sent.</summary>
    internal async Task<SentTransaction?> ReplaceAsync(SentTransaction stuck, CancellationToken cancellationToken)
    {
        fees.Invalidate();
        (BigInteger marketFee, BigInteger marketTip) market;
        try
        {
            market = await fees.SuggestAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcTransportException)
        {
            // Without a fee quote a replacement would be guesswork; the next stuck check tries again.
            return null;
        }

        var tip = BigInteger.Max(Bump(stuck.MaxPriorityFeePerGas), market.marketTip);
        var maxFee = BigInteger.Max(Bump(stuck.MaxFeePerGas), market.marketFee);
        if (maxFee < tip)
        {
            maxFee = tip;
        }

        var (raw, hash) = TransactionSigner.Sign(key, chainId, stuck.Call, stuck.Nonce, stuck.GasLimit, maxFee, tip);
        try
        {
            await rpc.SendRawTransactionAsync(raw, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException exception) when (TransactionSender.IsNonceTooLow(exception))
        {
            // One of the attempts was mined meanwhile: the next receipt poll finds it.
            return null;
        }
        catch (RpcErrorException exception)
        {
            LogReplacementRefused(logger, stuck.Call.Description, stuck.Hash, exception.RpcMessage);
            return null;
        }
        catch (RpcTransportException exception)
        {
            // The replacement may or may not have arrived; we keep polling its hash, as it carries the same intent and nonce.
            LogReceiptTransport(logger, stuck.Call.Description, exception.Message);
        }

        LogReplaced(logger, stuck.Call.Description, stuck.Hash, hash, stuck.Nonce, maxFee);
        sender.Metrics.TransactionReplaced(stuck.Call.Description);
        return stuck with { Hash = hash, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, SentAt = DateTimeOffset.UtcNow };
    }

    private BigInteger Bump(BigInteger value) => (value * (100 + options.FeeBumpPercent) / 100) + 1;

    /// <summary>Counts a mined-but-reverted transaction and explains it as a typed exception.</summary>
    internal Task<Exception> FailAsync(SentTransaction attempt, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        sender.Metrics.TransactionFailed(attempt.Call.Description);
        return ExplainFailureAsync(attempt, receipt, cancellationToken);
    }

    private async Task<Exception> ExplainFailureAsync(SentTransaction attempt, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt.GasUsed >= attempt.GasLimit)
        {
            return new ContractRevertException("OutOfGas", attempt.Call.Description, $"it ran out of gas at the limit {attempt.GasLimit}; raise GasMarginPercent and retry.");
        }

        // Replay the call on the state of the block that mined it to learn the revert reason.
        var request = new CallRequest(attempt.From, attempt.Call.To, attempt.Call.Data.ToHex(true), attempt.Call.Value);
        try
        {
            await sender.Retry(c => rpc.CallAsync(request, RpcJson.Quantity(receipt.BlockNumber - 1), c), "revert reason", cancellationToken).ConfigureAwait(false);
            return new UnknownRevertException(attempt.Call.Description, null);
        }
        catch (RpcErrorException exception) when (TransactionSender.IsRevert(exception))
        {
            return sender.DecodeRevert(exception.Data, attempt.Call.Description);
        }
        catch (RpcErrorException)
        {
            return new UnknownRevertException(attempt.Call.Description, null);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Cannot reach the node while waiting for {Description}: {Reason}")]
    private static partial void LogReceiptTransport(ILogger logger, string description, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Replaced stuck {Description} {OldHash} by {NewHash} (nonce {Nonce}, max fee {MaxFee})")]
    private static partial void LogReplaced(ILogger logger, string description, string oldHash, string newHash, ulong nonce, BigInteger maxFee);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "The node refused to replace {Description} {Hash}: {Reason}")]
    private static partial void LogReplacementRefused(ILogger logger, string description, string hash, string reason);
}
