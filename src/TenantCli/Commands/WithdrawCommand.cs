using System.CommandLine;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin withdraw</c>: pulls the wallet's refunds out of the market.</summary>
internal static class WithdrawCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("withdraw", "Withdraws everything the market holds for the wallet (refunds of closed leases and cancelled orders).");
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var amount = await chain.Market(key, CommandContext.Sends).WithdrawAsync(cancellationToken).ConfigureAwait(false);
            var view = new WithdrawView(key.Address, ViewMapping.Wei(amount));
            context.Printer.Record(view, ViewMapping.Wei(amount), [("wallet", key.Address), ("withdrawn", TokenAmount.Format(amount))]);
            return ExitCodes.Success;
        });
        return command;
    }
}
