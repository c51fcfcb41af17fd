using System.Numerics;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Extension = DePinGpu.Protocol.Contracts.LeaseMarketExtension.ContractDefinition;
using Market = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>What a reporter (verifier) needs besides the sends: an order's heartbeat timeout and dry runs of its calls.</summary>
public sealed partial class MarketClient
{
    /// <summary>
    /// The heartbeat timeout fixed in an order's terms at creation (a lease is live while its provider's last sign of
    /// life plus this is not past).
    /// </summary>
    public async Task<TimeSpan> HeartbeatTimeoutAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        ChainTime.Span((await QueryAsync<Market.GetOrderTermsFunction, Market.GetOrderTermsOutputDTO>(new() { OrderId = orderId }, "get order terms", cancellationToken).ConfigureAwait(false)).Terms.HeartbeatTimeout);

    /// <summary>
    /// Runs <c>reportMissedHeartbeat(leaseIds)</c> as an <c>eth_call</c> on the pending block (where a report sent now
    /// would land) from this client's account; returns normally when it would succeed and throws the contract's typed
    /// error (<see cref="Errors.ContractRevertException"/>) when it would revert. Nothing is sent.
    /// </summary>
    public Task SimulateReportMissedHeartbeatAsync(IReadOnlyCollection<BigInteger> leaseIds, CancellationToken cancellationToken) =>
        SimulateAsync(new Market.ReportMissedHeartbeatFunction { LeaseIds = [.. leaseIds] }, "report missed heartbeat", cancellationToken);

    /// <summary>Runs <c>closeDueLease(leaseId)</c> as an <c>eth_call</c> on the pending block; throws its typed error when it would revert.</summary>
    public Task SimulateCloseDueLeaseAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        SimulateAsync(new Extension.CloseDueLeaseFunction { LeaseId = leaseId }, "close due lease", cancellationToken);

    private async Task SimulateAsync<TFunction>(TFunction function, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var request = new CallRequest(Account, Address, function.GetCallData().ToHex(true), BigInteger.Zero);
        try
        {
            await Rpc.CallAsync(request, "pending", cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException exception) when (TransactionSender.IsRevert(exception))
        {
            throw Reverts.Decode(exception.Data, operation);
        }
    }
}
