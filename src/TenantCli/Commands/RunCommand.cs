using System.CommandLine;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Orders;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin run job.json</c>: from a job file to a running, followed lease in one command.</summary>
internal static class RunCommand
{
    /// <summary>How long a detached run keeps offering the spec to nodes that have not seen the new order yet.</summary>
    private static readonly TimeSpan DetachedUploadWindow = TimeSpan.FromSeconds(30);

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var options = new OrderOptions();
        var pick = new Option<string[]>("--pick") { Description = "Finalize only once these providers (owner addresses) are the cheapest offers (default: cheapest, as soon as every position has an offer)." };
        var detach = new Option<bool>("--detach", "-d") { Description = "Return once the order is placed and the spec is uploaded." };
        var command = new Command("run", "Validates the spec, places the order (permit: one transaction), uploads the spec to the nodes that can serve it, watches offers, finalizes, waits until every replica runs, then follows the logs. Ctrl-C detaches.");
        options.AddTo(command);
        command.Options.Add(pick);
        command.Options.Add(detach);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var spec = await SpecFile.ReadAsync(context.Parse.GetValue(options.Spec)!, cancellationToken).ConfigureAwait(false);
            var request = options.ToRequest(context.Parse, spec);
            context.Printer.Note($"spec {spec.Path} is valid: {spec.Kind}, runtime {spec.Spec.Runtime.ToString().ToLowerInvariant()}, CID {spec.Cid}");
            var policy = new FinalizePolicy(context.Parse.GetValue(pick) ?? []);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            using var directory = new ProviderDirectory(chain.Registry(), context.Config.Gateways);
            var flow = new RunFlow(context, chain, key, directory);
            var nodes = await flow.CandidateNodesAsync(request, cancellationToken).ConfigureAwait(false);
            var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
            var orderId = await chain.Market(key, CommandContext.Sends).CreateOrderWithPermitAsync(request, now.AddHours(1), cancellationToken).ConfigureAwait(false);
            context.Printer.Note($"order {orderId} placed: spec {spec.Cid}, {request.Replicas} replica(s) + {request.Standbys} standby(s), offers until the bid window ends");
            var watcher = new OfferWatcher(chain.Market(), context.Printer, context.Environment);
            IReadOnlyList<BigInteger> leases = [];
            try
            {
                if (context.Parse.GetValue(detach))
                {
                    await watcher.UploadUntilAcceptedAsync(spec, nodes, DetachedUploadWindow, cancellationToken).ConfigureAwait(false);
                    return Finish(context, orderId, spec, leases, [], watcher, ExitCodes.Success);
                }

                leases = await flow.FinalizeAsync(watcher, orderId, spec, nodes, policy, cancellationToken).ConfigureAwait(false) ?? [];
                if (leases.Count == 0 || !await flow.WaitRunningAsync(leases, cancellationToken).ConfigureAwait(false))
                {
                    return Finish(context, orderId, spec, leases, await flow.OutcomesAsync(leases, cancellationToken).ConfigureAwait(false), watcher, ExitCodes.CheckFailed);
                }

                var outcomes = await flow.FollowAsync(leases, cancellationToken).ConfigureAwait(false);
                return Finish(context, orderId, spec, leases, outcomes, watcher, outcomes.All(outcome => outcome == nameof(Protocol.Model.LeaseReason.Completed)) ? ExitCodes.Success : ExitCodes.CheckFailed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Environment.Error.WriteLineAsync($"depin: detached; order {orderId} and its leases go on. Come back with: {RunFlow.ComeBack(orderId, leases)}").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    private static int Finish(CommandContext context, BigInteger orderId, SpecFile spec, IReadOnlyList<BigInteger> leases, IReadOnlyList<string> outcomes, OfferWatcher watcher, int exitCode)
    {
        var view = RunFlow.View(orderId, spec, leases, outcomes, watcher);
        if (context.Printer.Mode == Output.OutputMode.Json)
        {
            context.Environment.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(view, LogJson.Options));
        }
        else if (context.Printer.Mode == Output.OutputMode.Quiet)
        {
            context.Environment.Output.WriteLine(leases.Count == 0 ? view.OrderId : string.Join(Environment.NewLine, view.LeaseIds));
        }
        else
        {
            var ended = outcomes.Count == 0 ? "not finalized" : string.Join(", ", view.LeaseIds.Zip(outcomes, (lease, outcome) => $"lease {lease}: {(outcome.Length == 0 ? "running" : outcome)}"));
            context.Environment.Error.WriteLine($"depin: order {orderId}: {ended}. Next: {RunFlow.ComeBack(orderId, leases)}");
        }

        return exitCode;
    }
}
