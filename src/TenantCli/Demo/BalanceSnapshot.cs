using System.Numerics;
using DePinGpu.Protocol.Configuration;

namespace DePinGpu.TenantCli.Demo;

/// <summary>What the market owes each account (pull payments) and each provider's stake, read at one moment.</summary>
internal sealed class BalanceSnapshot
{
    private BalanceSnapshot(IReadOnlyDictionary<string, BigInteger> withdrawable, IReadOnlyDictionary<string, BigInteger> stakes)
    {
        Withdrawable = withdrawable;
        Stakes = stakes;
    }

    /// <summary>LeaseMarket.withdrawable of each account.</summary>
    public IReadOnlyDictionary<string, BigInteger> Withdrawable { get; }

    /// <summary>The registry's stake of each provider.</summary>
    public IReadOnlyDictionary<string, BigInteger> Stakes { get; }

    /// <summary>Reads the balances of <paramref name="accounts"/> and the stakes of <paramref name="providers"/>.</summary>
    public static async Task<BalanceSnapshot> ReadAsync(ProtocolConnection chain, IEnumerable<string> accounts, IEnumerable<string> providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var withdrawable = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            withdrawable[account] = await chain.Market().WithdrawableAsync(account, cancellationToken).ConfigureAwait(false);
        }

        var stakes = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in providers)
        {
            stakes[provider] = (await chain.Registry().GetProviderAsync(provider, cancellationToken).ConfigureAwait(false))?.Stake ?? BigInteger.Zero;
        }

        return new BalanceSnapshot(withdrawable, stakes);
    }
}
