using System.CommandLine;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin logs &lt;lease&gt; [-f] [--tail N] [--since 30m]</c>: the workload's output from the provider's node.</summary>
internal static class LogsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep following: across hand-overs (a seam line marks each) and node outages, until the lease closes." };
        var tail = new Option<int?>("--tail") { Description = "Only the last N lines at first (1 to 100000)." };
        var since = new Option<string?>("--since") { Description = "Only lines from this long ago on (e.g. 30m)." };
        var command = new Command("logs", "Prints a lease's workload output (tenant-signed requests to its provider's node). Exit 1 when the lease is or becomes closed.") { id, follow, tail, since };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var leaseId = IdArgument.Parse(context.Parse.GetValue(id), "lease");
            var lines = context.Parse.GetValue(tail);
            if (lines is < 1 or > 100_000)
            {
                throw CliException.Usage($"--tail is {lines}; it must be between 1 and 100000.");
            }

            var from = context.Parse.GetValue(since) is { } text ? DateTimeOffset.UtcNow - DurationText.Parse(text, "--since") : (DateTimeOffset?)null;
            var lease = await LeaseCommands.FindAsync(context, leaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (lease.State == LeaseState.Closed)
            {
                throw new CliException($"Lease {leaseId} is closed ({lease.CloseReason}); its workload no longer runs, so there are no logs to read.", ExitCodes.CheckFailed);
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            using var directory = new ProviderDirectory(chain.Registry(), context.Config.Gateways);
            using var logs = new NodeLogClient(key, chain.Deployment.ChainId);
            var last = await new LogFollower(chain.Market(), directory, logs, context.Environment, context.Printer.Mode)
                .RunAsync(leaseId, context.Parse.GetValue(follow), lines, from, cancellationToken).ConfigureAwait(false);
            if (last.State == LeaseState.Closed)
            {
                await context.Environment.Error.WriteLineAsync($"depin: lease {leaseId} closed ({last.CloseReason}).").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
