using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin lease list|show|close|top-up|watch</c>.</summary>
internal static class LeaseCommands
{
    /// <summary>Creates <c>lease</c> and its subcommands.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("lease", "Inspect, close and top up leases (one per replica; the id stays across hand-overs).");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Close(runner));
        command.Subcommands.Add(TopUp(runner));
        command.Subcommands.Add(LeaseWatch.Create(runner));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var all = new Option<bool>("--all") { Description = "Closed leases too, not only open ones." };
        var scan = OrderCommands.ScanOption();
        var command = new Command("list", "Lists the wallet's leases: state, provider, epoch, last heartbeat, last checkpoint (step, CID, age), hand-overs, price, escrow left and the time it buys.") { all, scan };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var market = chain.Market();
            var orders = await TenantOrders.RecentAsync(market, context.WalletAddress, OrderCommands.Scan(context.Parse, scan), cancellationToken).ConfigureAwait(false);
            var leases = (await TenantOrders.LeasesAsync(market, orders, cancellationToken).ConfigureAwait(false))
                .Where(lease => context.Parse.GetValue(all) || lease.State != LeaseState.Closed).ToArray();
            var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
            var statuses = await new LeaseStatusReader(chain).ReadAsync(leases, now, cancellationToken).ConfigureAwait(false);
            context.Printer.Table(
                statuses,
                [
                    new("LEASE", s => ViewMapping.Wei(s.Lease.LeaseId)), new("ORDER", s => ViewMapping.Wei(s.Lease.OrderId)), new("STATE", s => s.Lease.State.ToString()),
                    new("PROVIDER", s => s.Lease.Provider ?? "-"), new("EPOCH", s => s.Lease.Epoch.ToString(CultureInfo.InvariantCulture)),
                    new("HEARTBEAT", LeaseViewMapping.Heartbeat), new("CHECKPOINT", LeaseViewMapping.Checkpoint),
                    new("HAND-OVERS", s => s.HandOvers.ToString(CultureInfo.InvariantCulture)),
                    new("PRICE/H", s => TokenAmount.PerHour(s.Lease.PricePerSecond)), new("ESCROW LEFT", LeaseViewMapping.EscrowLeft),
                ],
                LeaseViewMapping.ToView,
                s => ViewMapping.Wei(s.Lease.LeaseId));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var command = new Command("show", "Shows a lease: state, provider, epoch, last heartbeat, last checkpoint (step, CID, age), hand-overs, price, escrow left and the time it buys. Exit 1 when it is closed.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var lease = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
            var status = await new LeaseStatusReader(chain).ReadAsync(lease, now, cancellationToken).ConfigureAwait(false);
            context.Printer.Record(LeaseViewMapping.ToView(status), ViewMapping.Wei(lease.LeaseId), LeaseViewMapping.Fields(status));

            // A closed lease never looks alive: scripts see it in the exit code too.
            return lease.State == LeaseState.Closed ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }

    private static Command Close(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var command = new Command("close", "Closes a lease: the provider is paid to now and the rest of the escrow is refunded (asks first unless --yes).") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var lease = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            if (lease.State == LeaseState.Closed)
            {
                throw new CliException($"Lease {lease.LeaseId} is already closed ({lease.CloseReason}); nothing was sent.", ExitCodes.CheckFailed);
            }

            if (!context.Confirm($"Close lease {lease.LeaseId} (provider {lease.Provider ?? "none"})?"))
            {
                return ExitCodes.CheckFailed;
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var receipt = await chain.Market(key, CommandContext.Sends).CloseLeaseAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false);
            var refund = receipt.Events.OfType<LeaseClosed>().Single(closed => closed.LeaseId == lease.LeaseId).Refund;
            var view = new TransactionView("close lease", ViewMapping.Wei(lease.LeaseId), receipt.TransactionHash, receipt.BlockNumber, ViewMapping.Wei(refund));
            context.Printer.Record(view, receipt.TransactionHash,
                [("lease", view.Id), ("refund", TokenAmount.Format(refund) + " (withdraw with `depin withdraw`)"), ("transaction", receipt.TransactionHash)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command TopUp(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var amount = new Option<string>("--amount") { Description = "Tokens to add to the lease's escrow.", Required = true };
        var command = new Command("top-up", "Adds escrow to a lease so it runs longer (approves the market first if needed).") { id, amount };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var tokens = TokenAmount.Parse(context.Parse.GetValue(amount), "--amount");
            if (tokens.IsZero)
            {
                throw CliException.Usage("--amount must be more than 0.");
            }

            var lease = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var receipt = await chain.Market(key, CommandContext.Sends).TopUpAsync(lease.LeaseId, tokens, cancellationToken).ConfigureAwait(false);
            var view = new TransactionView("top up lease", ViewMapping.Wei(lease.LeaseId), receipt.TransactionHash, receipt.BlockNumber, ViewMapping.Wei(tokens));
            context.Printer.Record(view, receipt.TransactionHash, [("lease", view.Id), ("added", TokenAmount.Format(tokens)), ("transaction", receipt.TransactionHash)]);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The lease named by <paramref name="text"/>; not-found error when the market has none.</summary>
    public static async Task<LeaseDetails> FindAsync(CommandContext context, string? text, CancellationToken cancellationToken)
    {
        var leaseId = IdArgument.Parse(text, "lease");
        var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
        return await chain.Market().GetLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"There is no lease {leaseId} on chain {chain.Deployment.ChainId}; list yours with `depin lease list`.");
    }
}
