using System.Numerics;
using System.Text.Json;

namespace DePinGpu.Protocol.Rpc;

/// <summary>The Ethereum JSON-RPC methods this library uses, typed and validated.</summary>
public sealed class EthereumRpc : IDisposable
{
    private readonly JsonRpcClient _client;

    /// <summary>Creates the typed client over <paramref name="client"/> (owned: disposed with this object).</summary>
    public EthereumRpc(JsonRpcClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Creates a client for <paramref name="endpoint"/>.</summary>
    public EthereumRpc(Uri endpoint, TimeSpan? requestTimeout = null)
        : this(new JsonRpcClient(endpoint, requestTimeout))
    {
    }

    /// <summary>Creates a client for several endpoints of one chain: reads fail over in order, transactions go to every endpoint.</summary>
    public EthereumRpc(IReadOnlyList<Uri> endpoints, TimeSpan? requestTimeout = null)
        : this(new JsonRpcClient(endpoints, requestTimeout))
    {
    }

    /// <summary>The untyped client, for node-specific methods (anvil_*, evm_*).</summary>
    public JsonRpcClient Client => _client;

    /// <summary><c>eth_chainId</c>.</summary>
    public async Task<ulong> GetChainIdAsync(CancellationToken cancellationToken) =>
        RpcJson.ReadUInt64(await _client.RequestAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "chainId");

    /// <summary><c>eth_blockNumber</c>.</summary>
    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        RpcJson.ReadUInt64(await _client.RequestAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false), "blockNumber");

    /// <summary>The header of block <paramref name="number"/>, or null when the node does not have it (yet).</summary>
    public Task<BlockHeader?> GetBlockHeaderAsync(ulong number, CancellationToken cancellationToken) =>
        GetBlockAsync(RpcJson.Quantity(number), cancellationToken);

    /// <summary>The header of the latest block.</summary>
    public async Task<BlockHeader> GetLatestBlockHeaderAsync(CancellationToken cancellationToken) =>
        await GetBlockAsync("latest", cancellationToken).ConfigureAwait(false)
        ?? throw new RpcResponseFormatException("The node returned no latest block.");

    /// <summary><c>eth_getLogs</c> over an inclusive block range.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await _client.RequestAsync("eth_getLogs", [ToFilterObject(filter)], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new RpcResponseFormatException("eth_getLogs did not return an array.");
        }

        var logs = new LogEntry[result.GetArrayLength()];
        var index = 0;
        foreach (var log in result.EnumerateArray())
        {
            logs[index++] = RpcJson.ReadLog(log);
        }

        return logs;
    }

    /// <summary><c>eth_call</c>; a revert surfaces as <see cref="RpcErrorException"/> carrying the revert data.</summary>
    public async Task<string> CallAsync(CallRequest call, string blockTag, CancellationToken cancellationToken) =>
        RpcJson.ReadData(
            await _client.RequestAsync("eth_call", [ToCallObject(call), blockTag], cancellationToken).ConfigureAwait(false),
            "eth_call result");

    /// <summary><c>eth_estimateGas</c>; a revert surfaces as <see cref="RpcErrorException"/> carrying the revert data.</summary>
    public async Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken) =>
        RpcJson.ReadUInt64(
            await _client.RequestAsync("eth_estimateGas", [ToCallObject(call)], cancellationToken).ConfigureAwait(false),
            "gas estimate");

    /// <summary>
    /// <c>eth_sendRawTransaction</c> through every endpoint (the same signed bytes to each); returns the transaction
    /// hash. It fails only when no endpoint took it (see <see cref="JsonRpcClient.BroadcastAsync"/>).
    /// </summary>
    public async Task<string> SendRawTransactionAsync(string signedTransaction, CancellationToken cancellationToken) =>
        RpcJson.ReadHash(
            await _client.BroadcastAsync("eth_sendRawTransaction", [signedTransaction], cancellationToken).ConfigureAwait(false),
            "transaction hash");

    /// <summary>The receipt of <paramref name="transactionHash"/>, or null while it is not mined.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        var result = await _client.RequestAsync("eth_getTransactionReceipt", [transactionHash], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.ReadReceipt(result);
    }

    /// <summary><c>eth_getTransactionCount</c> at <paramref name="blockTag"/> (latest or pending).</summary>
    public async Task<ulong> GetTransactionCountAsync(string address, string blockTag, CancellationToken cancellationToken) =>
        RpcJson.ReadUInt64(
            await _client.RequestAsync("eth_getTransactionCount", [address, blockTag], cancellationToken).ConfigureAwait(false),
            "transaction count");

    /// <summary><c>eth_maxPriorityFeePerGas</c>.</summary>
    public async Task<BigInteger> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken) =>
        RpcJson.ReadBigInteger(
            await _client.RequestAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false),
            "priority fee");

    /// <summary><c>eth_getBalance</c> at latest.</summary>
    public async Task<BigInteger> GetBalanceAsync(string address, CancellationToken cancellationToken) =>
        RpcJson.ReadBigInteger(
            await _client.RequestAsync("eth_getBalance", [address, "latest"], cancellationToken).ConfigureAwait(false),
            "balance");

    /// <summary><c>eth_getCode</c> at latest.</summary>
    public async Task<string> GetCodeAsync(string address, CancellationToken cancellationToken) =>
        RpcJson.ReadData(
            await _client.RequestAsync("eth_getCode", [address, "latest"], cancellationToken).ConfigureAwait(false),
            "code");

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<BlockHeader?> GetBlockAsync(string tag, CancellationToken cancellationToken)
    {
        var result = await _client.RequestAsync("eth_getBlockByNumber", [tag, false], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.ReadBlockHeader(result);
    }

    private static Dictionary<string, object?> ToFilterObject(LogFilter filter)
    {
        if (filter.ToBlock < filter.FromBlock)
        {
            throw new ArgumentException($"The log range {filter.FromBlock}..{filter.ToBlock} is empty.", nameof(filter));
        }

        var topic0 = filter.Topic0.Count == 0 ? null : (object)filter.Topic0.ToArray();
        return new Dictionary<string, object?>
        {
            ["fromBlock"] = RpcJson.Quantity(filter.FromBlock),
            ["toBlock"] = RpcJson.Quantity(filter.ToBlock),
            ["address"] = filter.Addresses.ToArray(),
            ["topics"] = new object?[] { topic0 },
        };
    }

    private static Dictionary<string, object?> ToCallObject(CallRequest call)
    {
        var fields = new Dictionary<string, object?> { ["data"] = call.Data };
        if (call.From is not null)
        {
            fields["from"] = call.From;
        }

        if (call.To is not null)
        {
            fields["to"] = call.To;
        }

        if (!call.Value.IsZero)
        {
            fields["value"] = RpcJson.Quantity(call.Value);
        }

        return fields;
    }
}
