using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Hex.HexConvertors.Extensions;

namespace DePinGpu.Protocol.Transactions;

/// <summary>
/// Sends transactions from one key: estimates gas with a margin, prices them EIP-1559, serialises nonces with
/// every other sender of the same key, waits for receipts, replaces stuck transactions at a higher fee (same
/// nonce, so at most one is mined) and retries only transport failures with the same signed bytes — never a
/// second transaction for the same intent. Reverts become typed <see cref="ContractRevertException"/>s.
/// </summary>
public sealed partial class TransactionSender
{
    private readonly EthereumRpc _rpc;
    private readonly WalletKey _key;
    private readonly ulong _chainId;
    private readonly TransactionOptions _options;
    private readonly RevertDecoder _reverts;
    private readonly ILogger _logger;
    private readonly NonceManager _nonces;
    private readonly FeeOracle _fees;
    private readonly ReceiptWaiter _receipts;

    /// <summary>Creates a sender for <paramref name="key"/> on the chain <paramref name="chainId"/>.</summary>
    public TransactionSender(
        EthereumRpc rpc,
        WalletKey key,
        ulong chainId,
        RevertDecoder reverts,
        TransactionOptions? options = null,
        ILogger<TransactionSender>? logger = null,
        ChainMetrics? metrics = null)
    {
        _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _reverts = reverts ?? throw new ArgumentNullException(nameof(reverts));
        _chainId = chainId;
        _options = OptionsCheck.Valid(options ?? new TransactionOptions(), nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _nonces = NonceManager.For(rpc.Client.Endpoint, chainId, key.Address);
        _fees = new FeeOracle(rpc, _options.FeeCacheDuration);
        Metrics = metrics ?? ChainMetrics.Shared;
        _receipts = new ReceiptWaiter(rpc, key, chainId, _options, _fees, this, _logger);
    }

    /// <summary>The sending account.</summary>
    public string Address => _key.Address;

    /// <summary>Where sends, replacements, drops and failures are counted.</summary>
    internal ChainMetrics Metrics { get; }

    /// <summary>The chain id transactions are signed for.</summary>
    public ulong ChainId => _chainId;

    /// <summary>Sends <paramref name="call"/> and waits for its receipt; throws a typed revert on failure.</summary>
    public async Task<TransactionReceipt> SendAsync(TransactionIntent call, CancellationToken cancellationToken)
    {
        var sent = await SubmitAsync(call, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the receipt of <paramref name="sent"/>, replacing it at a higher fee when it is stuck.</summary>
    public Task<TransactionReceipt> WaitAsync(SentTransaction sent, CancellationToken cancellationToken) =>
        _receipts.WaitAsync(sent, cancellationToken);

    /// <summary>Signs and hands <paramref name="call"/> to the node without waiting for it to be mined.</summary>
    public async Task<SentTransaction> SubmitAsync(TransactionIntent call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);

        // Estimating and pricing need no nonce: only signing and handing over hold the key's lock.
        var gasLimit = await EstimateGasAsync(call, cancellationToken).ConfigureAwait(false);
        var (maxFee, tip) = await Retry(_fees.SuggestAsync, "fees", cancellationToken).ConfigureAwait(false);
        using var nonceLock = await _nonces.AcquireAsync(
            ct => Retry(c => _rpc.GetTransactionCountAsync(_key.Address, "pending", c), "nonce", ct),
            cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var (raw, hash) = TransactionSigner.Sign(_key, _chainId, call, nonceLock.Nonce, gasLimit, maxFee, tip);
            var outcome = await SendRawAsync(call, raw, hash, nonceLock, cancellationToken).ConfigureAwait(false);
            if (outcome == SendOutcome.Accepted)
            {
                nonceLock.MarkUsed();
                Metrics.TransactionSent(call.Description);
                LogSent(_logger, call.Description, hash, nonceLock.Nonce, gasLimit);
                return new SentTransaction(call, _key.Address, nonceLock.Nonce, hash, gasLimit, maxFee, tip, DateTimeOffset.UtcNow);
            }

            if (attempt >= 3)
            {
                nonceLock.Forget();
                throw new TransactionRejectedException($"'{call.Description}' could not get a nonce: another program keeps sending from {_key.Address}. Use one sender per key.");
            }

            var pending = await Retry(c => _rpc.GetTransactionCountAsync(_key.Address, "pending", c), "nonce", cancellationToken).ConfigureAwait(false);
            LogNonceResync(_logger, _key.Address, nonceLock.Nonce, pending);
            nonceLock.Use(pending);
        }
    }

    /// <summary>Makes the next send of this key read its nonce from the node (see <see cref="NonceManager.Reset"/>).</summary>
    internal void ResetNonce() => _nonces.Reset();

    /// <summary>Decodes revert data raised by <paramref name="operation"/>.</summary>
    internal ContractRevertException DecodeRevert(string? data, string operation) => _reverts.Decode(data, operation);

    internal Task<T> Retry<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken) =>
        TransientRetry.RunAsync(call, _options, _logger, what, cancellationToken);

    private async Task<ulong> EstimateGasAsync(TransactionIntent call, CancellationToken cancellationToken)
    {
        var request = new CallRequest(_key.Address, call.To, call.Data.ToHex(true), call.Value);
        try
        {
            var estimate = await Retry(c => _rpc.EstimateGasAsync(request, c), call.Description, cancellationToken).ConfigureAwait(false);
            return checked(estimate + (estimate * (ulong)_options.GasMarginPercent / 100));
        }
        catch (RpcErrorException exception) when (IsRevert(exception))
        {
            throw _reverts.Decode(exception.Data, call.Description);
        }
        catch (RpcErrorException exception)
        {
            throw Rejected(call, exception);
        }
    }

    private async Task<SendOutcome> SendRawAsync(TransactionIntent call, string raw, string hash, NonceLock nonceLock, CancellationToken cancellationToken)
    {
        try
        {
            await Retry(c => _rpc.SendRawTransactionAsync(raw, c), call.Description, cancellationToken).ConfigureAwait(false);
            return SendOutcome.Accepted;
        }
        catch (RpcErrorException exception) when (IsAlreadyKnown(exception))
        {
            // A retry after a lost answer: the node already holds these exact bytes.
            return SendOutcome.Accepted;
        }
        catch (RpcErrorException exception) when (IsNonceTooLow(exception))
        {
            // Either our own earlier attempt was mined (same hash) or another program used the nonce.
            return await IsKnownAsync(hash, cancellationToken).ConfigureAwait(false) ? SendOutcome.Accepted : SendOutcome.NonceTaken;
        }
        catch (RpcErrorException exception) when (IsRevert(exception))
        {
            throw _reverts.Decode(exception.Data, call.Description);
        }
        catch (RpcErrorException exception)
        {
            throw Rejected(call, exception);
        }
        catch (RpcTransportException exception)
        {
            nonceLock.Forget();
            throw new RpcTransportException(
                $"'{call.Description}' may or may not have reached the node (transaction {hash}, nonce {nonceLock.Nonce}): {exception.Message} Look the hash up before sending it again.",
                exception);
        }
    }

    private async Task<bool> IsKnownAsync(string hash, CancellationToken cancellationToken)
    {
        var transaction = await Retry(c => _rpc.Client.RequestAsync("eth_getTransactionByHash", [hash], c), "lookup", cancellationToken).ConfigureAwait(false);
        return transaction.ValueKind == System.Text.Json.JsonValueKind.Object;
    }

    private TransactionRejectedException Rejected(TransactionIntent call, RpcErrorException exception)
    {
        Metrics.TransactionFailed(call.Description);
        return exception.RpcMessage.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase)
            ? new TransactionRejectedException($"'{call.Description}' needs ether for gas: fund {_key.Address} and try again.", exception)
            : new TransactionRejectedException($"The node refused '{call.Description}': {exception.RpcMessage}", exception);
    }

    internal static bool IsRevert(RpcErrorException exception) =>
        exception.Code == 3 || exception.RpcMessage.Contains("revert", StringComparison.OrdinalIgnoreCase);

    internal static bool IsNonceTooLow(RpcErrorException exception) =>
        exception.RpcMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || exception.RpcMessage.Contains("nonce is too low", StringComparison.OrdinalIgnoreCase);

    internal static bool IsAlreadyKnown(RpcErrorException exception) =>
        exception.RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || exception.RpcMessage.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
        || exception.RpcMessage.Contains("already imported", StringComparison.OrdinalIgnoreCase);

    private enum SendOutcome
    {
        Accepted,
        NonceTaken,
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Sent {Description} as {Hash} (nonce {Nonce}, gas limit {GasLimit})")]
    private static partial void LogSent(ILogger logger, string description, string hash, ulong nonce, ulong gasLimit);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Nonce {Nonce} of {Address} was already used elsewhere; continuing at {Pending}")]
    private static partial void LogNonceResync(ILogger logger, string address, ulong nonce, ulong pending);
}
