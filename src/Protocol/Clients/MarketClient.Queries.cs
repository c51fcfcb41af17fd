using System.Numerics;
using DePinGpu.Protocol.Model;
using Market = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>The market's queries.</summary>
public sealed partial class MarketClient
{
    /// <summary>An order, or null when it does not exist.</summary>
    public async Task<OrderDetails?> GetOrderAsync(BigInteger orderId, CancellationToken cancellationToken)
    {
        var order = (await QueryAsync<Market.GetOrderFunction, Market.GetOrderOutputDTO>(new() { OrderId = orderId }, "get order", cancellationToken).ConfigureAwait(false)).Info.ToDomain();
        return order.State == OrderState.None ? null : order;
    }

    /// <summary>The offer book of an order.</summary>
    public async Task<IReadOnlyList<OfferDetails>> GetOffersAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        (await QueryAsync<Market.GetOffersFunction, Market.GetOffersOutputDTO>(new() { OrderId = orderId }, "get offers", cancellationToken).ConfigureAwait(false))
            .Offers.Select(o => new OfferDetails(DtoMapping.Address(o.Provider), o.PricePerSecond, o.Sequence)).ToArray();

    /// <summary>The remaining standby queue of an order, first to be promoted first.</summary>
    public async Task<IReadOnlyList<StandbyDetails>> GetStandbysAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        (await QueryAsync<Market.GetStandbysFunction, Market.GetStandbysOutputDTO>(new() { OrderId = orderId }, "get standbys", cancellationToken).ConfigureAwait(false))
            .Standbys.Select(s => new StandbyDetails(DtoMapping.Address(s.Provider), s.PricePerSecond)).ToArray();

    /// <summary>A lease, or null when it does not exist.</summary>
    public async Task<LeaseDetails?> GetLeaseAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        var lease = (await QueryAsync<Market.GetLeaseFunction, Market.GetLeaseOutputDTO>(new() { LeaseId = leaseId }, "get lease", cancellationToken).ConfigureAwait(false)).Info.ToDomain();
        return lease.State == LeaseState.None ? null : lease;
    }

    /// <summary>Every lease of an order.</summary>
    public async Task<IReadOnlyList<LeaseDetails>> GetOrderLeasesAsync(BigInteger orderId, CancellationToken cancellationToken) =>
        (await QueryAsync<Market.GetOrderLeasesFunction, Market.GetOrderLeasesOutputDTO>(new() { OrderId = orderId }, "get order leases", cancellationToken).ConfigureAwait(false))
            .Leases.Select(l => l.ToDomain()).ToArray();

    /// <summary>True while the lease runs and its provider heart-beats.</summary>
    public async Task<bool> IsLeaseLiveAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        (await QueryAsync<Market.IsLeaseLiveFunction, Market.IsLeaseLiveOutputDTO>(new() { LeaseId = leaseId }, "is lease live", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>What settling would pay the provider now, and up to when.</summary>
    public async Task<(BigInteger Amount, DateTimeOffset Until)> SettleableAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        var output = await QueryAsync<Market.SettleableOfFunction, Market.SettleableOfOutputDTO>(new() { LeaseId = leaseId }, "settleable", cancellationToken).ConfigureAwait(false);
        return (output.Amount, ChainTime.At(output.Until));
    }

    /// <summary>What <paramref name="account"/> can withdraw.</summary>
    public async Task<BigInteger> WithdrawableAsync(string account, CancellationToken cancellationToken) =>
        (await QueryAsync<Market.WithdrawableFunction, Market.WithdrawableOutputDTO>(new() { Account = account }, "withdrawable", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>The market's parameters.</summary>
    public async Task<MarketParameters> GetParametersAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<Market.ParametersFunction, Market.ParametersOutputDTO>(new(), "market parameters", cancellationToken).ConfigureAwait(false)).ReturnValue1.ToDomain();

    /// <summary>Number of orders ever placed.</summary>
    public async Task<BigInteger> OrderCountAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<Market.OrderCountFunction, Market.OrderCountOutputDTO>(new(), "order count", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Number of leases ever created.</summary>
    public async Task<BigInteger> LeaseCountAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<Market.LeaseCountFunction, Market.LeaseCountOutputDTO>(new(), "lease count", cancellationToken).ConfigureAwait(false)).ReturnValue1;
}
