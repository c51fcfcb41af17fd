using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace DePinGpu.Protocol.Clients;

/// <summary>Shared plumbing of the typed clients: encoded calls, decoded answers, typed reverts, sends.</summary>
public abstract class ContractClient
{
    private readonly TransactionSender? _sender;

    /// <summary>Creates a client of the contract at <paramref name="address"/>.</summary>
    protected ContractClient(EthereumRpc rpc, string address, TransactionSender? sender, RevertDecoder reverts, ProtocolEventDecoder events)
    {
        Rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        ArgumentException.ThrowIfNullOrEmpty(address);
        Address = address;
        _sender = sender;
        Reverts = reverts ?? throw new ArgumentNullException(nameof(reverts));
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The contract address.</summary>
    public string Address { get; }

    /// <summary>The account transactions are sent from, or null for a read-only client.</summary>
    public string? Account => _sender?.Address;

    /// <summary>The node.</summary>
    protected EthereumRpc Rpc { get; }

    /// <summary>Decodes reverts into typed exceptions.</summary>
    protected RevertDecoder Reverts { get; }

    /// <summary>Decodes receipt logs into typed events.</summary>
    protected ProtocolEventDecoder Events { get; }

    /// <summary>The sender; throws when the client was created without a wallet.</summary>
    protected TransactionSender Sender =>
        _sender ?? throw new InvalidOperationException("This client is read-only: create it with a wallet key to send transactions.");

    /// <summary>Calls a view function and decodes its output.</summary>
    protected async Task<TOutput> QueryAsync<TFunction, TOutput>(TFunction function, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var request = new CallRequest(_sender?.Address, Address, function.GetCallData().ToHex(true), System.Numerics.BigInteger.Zero);
        string output;
        try
        {
            output = await Rpc.CallAsync(request, "latest", cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException exception) when (TransactionSender.IsRevert(exception))
        {
            throw Reverts.Decode(exception.Data, operation);
        }

        if (output == "0x")
        {
            throw new RpcResponseFormatException($"{operation}: no contract answered at {Address}; check the deployment file and the chain.");
        }

        return new FunctionCallDecoder().DecodeFunctionOutput<TOutput>(output);
    }

    /// <summary>Sends a state-changing call and returns its receipt with the typed events it emitted.</summary>
    protected async Task<ContractReceipt> SendAsync<TFunction>(TFunction function, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await Sender.SendAsync(TransactionIntent.Create(Address, function.GetCallData(), operation), cancellationToken).ConfigureAwait(false);
        return new ContractReceipt(receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed, Events.DecodeAll(receipt.Logs));
    }

    /// <summary>The single event of type <typeparamref name="TEvent"/> a receipt holds (the result of an operation).</summary>
    protected static TEvent Single<TEvent>(ContractReceipt receipt, string operation)
        where TEvent : ChainEvent =>
        receipt.Events.OfType<TEvent>().FirstOrDefault()
        ?? throw new RpcResponseFormatException($"{operation} was mined ({receipt.TransactionHash}) but emitted no {typeof(TEvent).Name} event.");
}
