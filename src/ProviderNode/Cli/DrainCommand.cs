using System.CommandLine;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Commands;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Drain;
using Microsoft.Extensions.Configuration;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>
/// <c>depin-node drain</c>: asks the running daemon to stop bidding and bring every lease to a clean end (Stateful:
/// checkpoint, commit, release; Stateless: release), prints each lease's progress, then waits for the daemon to exit.
/// </summary>
public static class DrainCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for the drain and the daemon's exit.", DefaultValueFactory = _ => TimeSpan.FromMinutes(15) };
        var command = new Command("drain", "Stops bidding, checkpoints and releases every lease so standbys take over without a fault, then stops the daemon.")
        {
            common.Config, common.Output, timeout,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var format = CommandOutput.Format(parse.GetValue(common.Output));
            var configuration = NodeConfiguration.Load(parse.GetValue(common.Config)!);
            var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
            var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(parse.GetValue(timeout));
            using var client = await DrainClient.OpenAsync(api.Url, node.DataDirectory, cancellationToken).ConfigureAwait(false);
            var progress = format == "json" ? Console.Error : Console.Out;
            try
            {
                var report = await FollowAsync(client, progress, deadline.Token).ConfigureAwait(false);
                var exited = await WaitForExitAsync(client, deadline.Token).ConfigureAwait(false);
                return Print(format, report, exited);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CommandInputException($"The drain did not end within {parse.GetValue(timeout)}; it goes on in the daemon: run depin-node drain again to follow it.");
            }
        }));
        return command;
    }

    private static async Task<DrainReport> FollowAsync(DrainClient client, TextWriter progress, CancellationToken cancellationToken)
    {
        var report = await client.StartAsync(cancellationToken).ConfigureAwait(false);
        var printed = 0;
        while (true)
        {
            foreach (var step in report.History.Skip(printed))
            {
                await progress.WriteLineAsync(Describe(step)).ConfigureAwait(false);
            }

            printed = Math.Max(printed, report.History.Count);
            if (report.State == DrainState.Finished)
            {
                return report;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            report = await client.ReportAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> WaitForExitAsync(DrainClient client, CancellationToken cancellationToken)
    {
        while (!await client.HasExitedAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static int Print(string format, DrainReport report, bool exited)
    {
        var failed = report.Leases.Count(lease => lease.Stage == DrainStage.Failed);
        if (format == "json")
        {
            CommandOutput.WriteJson(new { state = report.State, daemonExited = exited, leases = report.Leases });
        }
        else
        {
            Console.Out.WriteLine($"drained: {report.Leases.Count(lease => lease.Stage == DrainStage.Released)} released, "
                + $"{report.Leases.Count(lease => lease.Stage == DrainStage.EndedOnItsOwn)} ended on their own, {failed} failed; the daemon exited.");
        }

        return failed == 0 ? 0 : CommandOutput.Fail($"{failed} lease(s) could not be drained; see above, then end them by hand or run depin-node drain again after restarting the node.");
    }

    private static string Describe(DrainLeaseProgress lease)
    {
        var line = $"lease {lease.LeaseId} epoch {lease.Epoch} ({lease.Kind}): {lease.Stage}";
        if (lease.CheckpointStep is { } step)
        {
            line += $", checkpoint step {step} {lease.CheckpointCid}";
        }

        return lease.Problem is { } problem ? $"{line} — {problem}" : line;
    }
}
