using System.Numerics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// The contracts' conservation invariant (contracts/test/Invariants.t.sol, invariant_TokensHeldEqualLiabilities),
/// checked on the live chain: the market holds every order escrow + every lease escrow + every withdrawable balance,
/// and the registry holds every provider's stake + unbonding stake. The accounts with a withdrawable balance are every
/// address any market event names, plus the treasury.
/// </summary>
public static class TokenLedger
{
    /// <summary>Tokens held minus tokens owed, for the market and the registry (both zero when every token is accounted for).</summary>
    public static async Task<(BigInteger Market, BigInteger Registry)> UnaccountedAsync(ProtocolChain chain, ChainHistory history)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(history);
        var market = chain.Connection.Market();
        var registry = chain.Connection.Registry();
        var token = chain.Connection.Token();
        var contracts = chain.Deployment.Contracts;

        var owed = BigInteger.Zero;
        for (var id = BigInteger.One; id <= await market.OrderCountAsync(CancellationToken.None); id++)
        {
            owed += (await market.GetOrderAsync(id, CancellationToken.None))!.Escrow;
        }

        for (var id = BigInteger.One; id <= await market.LeaseCountAsync(CancellationToken.None); id++)
        {
            owed += (await market.GetLeaseAsync(id, CancellationToken.None))!.Escrow;
        }

        var treasury = (await market.GetParametersAsync(CancellationToken.None)).Treasury;
        foreach (var account in AddressesNamedBy(history.Events.Where(item => string.Equals(item.Contract, contracts.Market, StringComparison.OrdinalIgnoreCase))).Append(treasury.ToLowerInvariant()).Distinct())
        {
            owed += await market.WithdrawableAsync(account, CancellationToken.None);
        }

        var staked = BigInteger.Zero;
        foreach (var provider in await registry.ListProvidersAsync(CancellationToken.None))
        {
            var details = (await registry.GetProviderAsync(provider, CancellationToken.None))!;
            staked += details.Stake + details.UnbondingStake;
        }

        return (await token.BalanceOfAsync(contracts.Market, CancellationToken.None) - owed,
            await token.BalanceOfAsync(contracts.Registry, CancellationToken.None) - staked);
    }

    private static IEnumerable<string> AddressesNamedBy(IEnumerable<ChainEvent> events) =>
        events.SelectMany(item => item.GetType().GetProperties()
                .Where(property => property.PropertyType == typeof(string) && property.Name != nameof(ChainEvent.Contract))
                .Select(property => property.GetValue(item) as string))
            .OfType<string>()
            .Where(value => value.Length == 42 && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            .Select(value => value.ToLowerInvariant())
            .Distinct();
}
