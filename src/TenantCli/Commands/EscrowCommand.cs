using System.CommandLine;
using System.Numerics;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin escrow</c>: what is locked, accrued to providers, refundable, and withdrawable.</summary>
internal static class EscrowCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var scan = OrderCommands.ScanOption();
        var command = new Command("escrow", "Shows the wallet's escrow: locked in open orders and leases, accrued to providers, refundable on close, withdrawable now.") { scan };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var tenant = context.WalletAddress;
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var market = chain.Market();
            var orders = await TenantOrders.RecentAsync(market, tenant, OrderCommands.Scan(context.Parse, scan), cancellationToken).ConfigureAwait(false);
            var leases = (await TenantOrders.LeasesAsync(market, orders, cancellationToken).ConfigureAwait(false)).Where(lease => lease.State != LeaseState.Closed).ToArray();
            var rows = new List<EscrowLeaseView>();
            foreach (var lease in leases)
            {
                var (accrued, _) = await market.SettleableAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false);
                var refundable = BigInteger.Max(BigInteger.Zero, lease.Escrow - accrued);
                var secondsLeft = lease.PricePerSecond.IsZero ? 0 : (long)BigInteger.Min(refundable / lease.PricePerSecond, long.MaxValue);
                rows.Add(new EscrowLeaseView(ViewMapping.Wei(lease.LeaseId), lease.State.ToString(), ViewMapping.Wei(lease.Escrow), ViewMapping.Wei(accrued), ViewMapping.Wei(refundable), secondsLeft));
            }

            var inOrders = orders.Where(order => order.State == OrderState.Open).Aggregate(BigInteger.Zero, (sum, order) => sum + order.Escrow);
            var inLeases = leases.Aggregate(BigInteger.Zero, (sum, lease) => sum + lease.Escrow);
            var accruedTotal = rows.Aggregate(BigInteger.Zero, (sum, row) => sum + BigInteger.Parse(row.AccruedWei, System.Globalization.CultureInfo.InvariantCulture));
            var withdrawable = await market.WithdrawableAsync(tenant, cancellationToken).ConfigureAwait(false);
            var view = new EscrowView(tenant, ViewMapping.Wei(inOrders), ViewMapping.Wei(inLeases), ViewMapping.Wei(accruedTotal), ViewMapping.Wei(inLeases - accruedTotal), ViewMapping.Wei(withdrawable), rows);
            context.Printer.Record(view, tenant,
            [
                ("tenant", tenant), ("locked in open orders", TokenAmount.Format(inOrders)), ("locked in leases", TokenAmount.Format(inLeases)),
                ("accrued to providers", TokenAmount.Format(accruedTotal)), ("refundable on close", TokenAmount.Format(inLeases - accruedTotal)),
                ("withdrawable now", TokenAmount.Format(withdrawable)),
                .. rows.Select(row => ($"lease {row.LeaseId}", $"{TokenAmount.Format(BigInteger.Parse(row.RefundableWei, System.Globalization.CultureInfo.InvariantCulture))} left, lasts {DurationText.Format(TimeSpan.FromSeconds(Math.Min(row.SecondsLeft, 31_000_000)))}")),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }
}
