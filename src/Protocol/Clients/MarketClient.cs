using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Extension = DePinGpu.Protocol.Contracts.LeaseMarketExtension.ContractDefinition;
using Market = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>
/// Typed access to the LeaseMarket: every tenant, provider and reporter operation and every query. Functions the
/// market forwards to its extension are encoded with the extension's (named) bindings: same selector, same data.
/// </summary>
public sealed partial class MarketClient : ContractClient
{
    private readonly TokenClient _token;
    private readonly WalletKey? _key;
    private readonly ulong _chainId;

    /// <summary>Creates a client; <paramref name="key"/> null makes it read-only.</summary>
    public MarketClient(EthereumRpc rpc, string market, TokenClient token, WalletKey? key, ulong chainId, TransactionSender? sender, RevertDecoder reverts, ProtocolEventDecoder events)
        : base(rpc, market, sender, reverts, events)
    {
        _token = token ?? throw new ArgumentNullException(nameof(token));
        _key = key;
        _chainId = chainId;
    }

    /// <summary>Places an order, approving the escrow first if needed; returns the order id.</summary>
    public async Task<BigInteger> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _token.EnsureAllowanceAsync(Address, request.Escrow, cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(new Extension.CreateOrderFunction { Request = ToBinding(request) }, "create order", cancellationToken).ConfigureAwait(false);
        return Single<OrderCreated>(receipt, "create order").OrderId;
    }

    /// <summary>Places an order and deposits its escrow in one transaction with an ERC-2612 permit; returns the order id.</summary>
    public async Task<BigInteger> CreateOrderWithPermitAsync(OrderRequest request, DateTimeOffset permitDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = _key ?? throw new InvalidOperationException("This client is read-only: create it with a wallet key to sign a permit.");
        var permit = await _token.SignPermitAsync(owner, Address, request.Escrow, permitDeadline, _chainId, cancellationToken).ConfigureAwait(false);
        var function = new Extension.CreateOrderWithPermitFunction
        {
            Request = ToBinding(request),
            PermitDeadline = permit.Deadline,
            V = permit.V,
            R = permit.R,
            S = permit.S,
        };
        var receipt = await SendAsync(function, "create order with permit", cancellationToken).ConfigureAwait(false);
        return Single<OrderCreated>(receipt, "create order with permit").OrderId;
    }

    /// <summary>Cancels an open order; the escrow is credited back to the tenant.</summary>
    public Task<ContractReceipt> CancelOrderAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        SendAsync(new Extension.CancelOrderFunction { OrderId = orderId }, "cancel order", cancellationToken);

    /// <summary>Offers the sender's provider for an open order.</summary>
    public Task<ContractReceipt> PlaceOfferAsync(BigInteger orderId, BigInteger pricePerSecond, CancellationToken cancellationToken) =>
        SendAsync(new Market.PlaceOfferFunction { OrderId = orderId, PricePerSecond = pricePerSecond }, "place offer", cancellationToken);

    /// <summary>Takes over a Reassigning lease.</summary>
    public Task<ContractReceipt> OfferReplacementAsync(BigInteger leaseId, BigInteger pricePerSecond, CancellationToken cancellationToken) =>
        SendAsync(new Market.OfferReplacementFunction { LeaseId = leaseId, PricePerSecond = pricePerSecond }, "offer replacement", cancellationToken);

    /// <summary>Leaves the standby queue of an order.</summary>
    public Task<ContractReceipt> LeaveStandbyAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        SendAsync(new Extension.LeaveStandbyFunction { OrderId = orderId }, "leave standby", cancellationToken);

    /// <summary>Turns the best offers into leases; returns the finalize event (lease ids and standby queue).</summary>
    public async Task<OrderFinalized> FinalizeOrderAsync(BigInteger orderId, CancellationToken cancellationToken)
    {
        var receipt = await SendAsync(new Market.FinalizeOrderFunction { OrderId = orderId }, "finalize order", cancellationToken).ConfigureAwait(false);
        return Single<OrderFinalized>(receipt, "finalize order");
    }

    /// <summary>Acknowledges an assigned lease at <paramref name="epoch"/>.</summary>
    public Task<ContractReceipt> AckLeaseAsync(BigInteger leaseId, uint epoch, CancellationToken cancellationToken) =>
        SendAsync(new Market.AckLeaseFunction { LeaseId = leaseId, Epoch = epoch }, "acknowledge lease", cancellationToken);

    /// <summary>Commits a checkpoint of a running Stateful lease.</summary>
    public Task<ContractReceipt> CommitCheckpointAsync(BigInteger leaseId, uint epoch, Cid cid, ulong step, ulong sizeBytes, CancellationToken cancellationToken) =>
        SendAsync(new Market.CommitCheckpointFunction { LeaseId = leaseId, Epoch = epoch, Cid = ChainCid.ToAbi(cid), Step = step, SizeBytes = sizeBytes }, "commit checkpoint", cancellationToken);

    /// <summary>Completes a running Stateful lease with its result.</summary>
    public Task<ContractReceipt> CompleteLeaseAsync(BigInteger leaseId, uint epoch, Cid resultCid, CancellationToken cancellationToken) =>
        SendAsync(new Market.CompleteLeaseFunction { LeaseId = leaseId, Epoch = epoch, ResultCid = ChainCid.ToAbi(resultCid) }, "complete lease", cancellationToken);

    /// <summary>Hands a lease back (minor slash; it moves to a standby or reopens).</summary>
    public Task<ContractReceipt> ReleaseLeaseAsync(BigInteger leaseId, uint epoch, CancellationToken cancellationToken) =>
        SendAsync(new Market.ReleaseLeaseFunction { LeaseId = leaseId, Epoch = epoch }, "release lease", cancellationToken);

    /// <summary>Reports running leases whose provider stopped heart-beating.</summary>
    public Task<ContractReceipt> ReportMissedHeartbeatAsync(IReadOnlyCollection<BigInteger> leaseIds, CancellationToken cancellationToken) =>
        SendAsync(new Market.ReportMissedHeartbeatFunction { LeaseIds = [.. leaseIds] }, "report missed heartbeat", cancellationToken);

    /// <summary>Reports an assigned lease that was not acknowledged in time.</summary>
    public Task<ContractReceipt> ReportStartTimeoutAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        SendAsync(new Market.ReportStartTimeoutFunction { LeaseId = leaseId }, "report start timeout", cancellationToken);

    /// <summary>Pays running leases up to their fault cut-off.</summary>
    public Task<ContractReceipt> SettleLeasesAsync(IReadOnlyCollection<BigInteger> leaseIds, CancellationToken cancellationToken) =>
        SendAsync(new Market.SettleLeasesFunction { LeaseIds = [.. leaseIds] }, "settle leases", cancellationToken);

    /// <summary>Closes a lease that is due (expired, out of funds or past its reassignment deadline).</summary>
    public Task<ContractReceipt> CloseDueLeaseAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        SendAsync(new Extension.CloseDueLeaseFunction { LeaseId = leaseId }, "close due lease", cancellationToken);

    /// <summary>Adds escrow to a lease, approving it first if needed.</summary>
    public async Task<ContractReceipt> TopUpAsync(BigInteger leaseId, BigInteger amount, CancellationToken cancellationToken)
    {
        await _token.EnsureAllowanceAsync(Address, amount, cancellationToken).ConfigureAwait(false);
        return await SendAsync(new Extension.TopUpFunction { LeaseId = leaseId, Amount = amount }, "top up lease", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant closes a lease; unspent escrow is refunded.</summary>
    public Task<ContractReceipt> CloseLeaseAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        SendAsync(new Extension.CloseLeaseFunction { LeaseId = leaseId }, "close lease", cancellationToken);

    /// <summary>Withdraws the sender's whole balance; returns the amount paid.</summary>
    public async Task<BigInteger> WithdrawAsync(CancellationToken cancellationToken)
    {
        var receipt = await SendAsync(new Market.WithdrawFunction(), "withdraw", cancellationToken).ConfigureAwait(false);
        return Single<Withdrawn>(receipt, "withdraw").Amount;
    }

    private static Extension.OrderRequest ToBinding(OrderRequest request) => new()
    {
        SpecCid = ChainCid.ToAbi(request.SpecCid),
        Kind = (byte)request.Kind,
        GpuModel = request.GpuModel,
        MinVramGb = request.MinVramGb,
        GpusPerReplica = request.GpusPerReplica,
        Replicas = request.Replicas,
        Standbys = request.Standbys,
        MaxPricePerSecond = request.MaxPricePerSecond,
        MaxDuration = ChainTime.Seconds(request.MaxDuration),
        BidWindow = ChainTime.Seconds(request.BidWindow),
        Escrow = request.Escrow,
    };
}
