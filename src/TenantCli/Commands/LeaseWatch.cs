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
/// <c>depin lease watch &lt;lease&gt;</c>: one line per change (STARTING, RUNNING, RECOVERING from a hand-over until
/// the new provider acknowledges, CLOSED), with provider, epoch, heartbeat, last checkpoint, hand-overs and escrow left;
/// ends with the lease.
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
            var reader = new LeaseStatusReader(chain);
            LeaseEventView? last = null;
            while (true)
            {
                var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
                var status = await reader.ReadAsync(lease, now, cancellationToken).ConfigureAwait(false);
                var current = ToEvent(status);
                if (last is null || Changed(last, current))
                {
                    Write(context, current, status);
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

    /// <summary>
    /// The phase people see: a lease that was handed over and is not yet acknowledged by its new provider (or waits
    /// for one) is RECOVERING; STARTING is the first provider's start only.
    /// </summary>
    public static string Phase(LeaseDetails lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.State switch
        {
            LeaseState.Assigned => lease.Epoch == 0 ? "STARTING" : "RECOVERING",
            LeaseState.Running => "RUNNING",
            LeaseState.Reassigning => "RECOVERING",
            _ => "CLOSED",
        };
    }

    // Heartbeats, accrual and the clock move all the time; a line is worth printing when anything else changed.
    private static bool Changed(LeaseEventView last, LeaseEventView current) =>
        current with { ChainTime = last.ChainTime, LastHeartbeatAt = last.LastHeartbeatAt, EscrowWei = last.EscrowWei, EscrowLeftWei = last.EscrowLeftWei, EscrowBuysSeconds = last.EscrowBuysSeconds } != last;

    private static LeaseEventView ToEvent(LeaseStatus status)
    {
        var lease = status.Lease;
        return new(
            lease.LeaseId.ToString(CultureInfo.InvariantCulture), Phase(lease), lease.Provider, lease.Epoch, status.HandOvers, status.LastHeartbeat,
            lease.CheckpointStep, status.LastCheckpoint?.Cid?.ToString(), lease.Escrow.ToString(CultureInfo.InvariantCulture),
            status.EscrowLeft.ToString(CultureInfo.InvariantCulture), (long)status.EscrowBuys.TotalSeconds, status.Now,
            lease.CloseReason == LeaseReason.None ? string.Empty : lease.CloseReason.ToString());
    }

    private static void Write(CommandContext context, LeaseEventView view, LeaseStatus status)
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
                var lease = status.Lease;
                var provider = lease.Provider is null ? "no provider" : $"{lease.Provider} epoch {lease.Epoch}";
                var close = view.CloseReason.Length == 0 ? string.Empty : $" ({view.CloseReason})";
                var checkpoint = lease.CheckpointDigest is null ? "no checkpoint" : "checkpoint " + LeaseViewMapping.Checkpoint(status);
                output.WriteLine(
                    $"{status.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {view.Phase}{close}  {provider}  heartbeat {LeaseViewMapping.Heartbeat(status)}  " +
                    $"{checkpoint}  hand-overs {status.HandOvers}  escrow left {LeaseViewMapping.EscrowLeft(status)}");
                break;
        }

        output.Flush();
    }
}
