using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary>
/// <c>depin lease watch &lt;lease&gt;</c>: one line per change (STARTING, RUNNING, RECOVERING while a hand-over is
/// under way, CLOSED), with provider, epoch, last checkpoint and escrow; ends with the lease.
/// </summary>
internal static class LeaseWatch
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var command = new Command("watch", "Watches a lease live: a line per change (a failover shows as RECOVERING, then RUNNING on the new provider); ends with the lease. Exit 0 when it completed, 1 when it closed otherwise.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var lease = await LeaseCommands.FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var market = chain.Market();
            LeaseEventView? last = null;
            while (true)
            {
                var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
                var current = ToEvent(lease, now);
                if (last is null || current with { ChainTime = last.ChainTime, EscrowWei = last.EscrowWei } != last)
                {
                    Write(context, current, lease, now);
                    last = current;
                }

                if (lease.State == LeaseState.Closed)
                {
                    return lease.CloseReason == LeaseReason.Completed ? ExitCodes.Success : ExitCodes.CheckFailed;
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                lease = await market.GetLeaseAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false) ?? lease;
            }
        });
        return command;
    }

    /// <summary>The phase people see for a lease state.</summary>
    public static string Phase(LeaseState state) => state switch
    {
        LeaseState.Assigned => "STARTING",
        LeaseState.Running => "RUNNING",
        LeaseState.Reassigning => "RECOVERING",
        _ => "CLOSED",
    };

    private static LeaseEventView ToEvent(LeaseDetails lease, DateTimeOffset now) => new(
        lease.LeaseId.ToString(CultureInfo.InvariantCulture), Phase(lease.State), lease.Provider, lease.Epoch, lease.CheckpointStep,
        lease.Escrow.ToString(CultureInfo.InvariantCulture), now, lease.CloseReason == LeaseReason.None ? string.Empty : lease.CloseReason.ToString());

    private static void Write(CommandContext context, LeaseEventView view, LeaseDetails lease, DateTimeOffset now)
    {
        var output = context.Environment.Output;
        switch (context.Printer.Mode)
        {
            case OutputMode.Json:
                output.WriteLine(System.Text.Json.JsonSerializer.Serialize(view, LogJson.Options));
                break;
            case OutputMode.Quiet:
                output.WriteLine(view.Phase);
                break;
            default:
                var checkpoint = lease.CheckpointDigest is null ? "no checkpoint" : $"checkpoint step {lease.CheckpointStep} ({DurationText.Format(now - lease.CheckpointAt)} ago)";
                var provider = lease.Provider is null ? "no provider" : $"{lease.Provider} epoch {lease.Epoch}";
                var close = view.CloseReason.Length == 0 ? string.Empty : $" ({view.CloseReason})";
                output.WriteLine($"{now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {view.Phase}{close}  {provider}  {checkpoint}  escrow {TokenAmount.Format(lease.Escrow)}");
                break;
        }

        output.Flush();
    }
}
