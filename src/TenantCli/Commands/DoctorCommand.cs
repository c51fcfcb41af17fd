using System.CommandLine;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin doctor</c>: checks RPC, deployment file, wallet, balances and nodes, and says what to fix.</summary>
internal static class DoctorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("doctor", "Checks the config, RPC, deployment file, wallet, balances, the market's token allowance (and permit support) and nodes; each line says what to fix. Exit 1 when a check fails.");
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var checks = await new DoctorChecks(context).RunAsync(cancellationToken).ConfigureAwait(false);
            context.Printer.Table(
                checks,
                [new("CHECK", row => row.Check), new("STATUS", row => row.Status.ToUpperInvariant()), new("DETAIL", row => row.Detail), new("FIX", row => row.Fix)],
                row => row,
                row => row.Check + " " + row.Status);
            return checks.Any(check => check.Status == "fail") ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }
}
