using System.CommandLine;
using System.Numerics;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin checkpoint list|get|export</c>: a lease's committed checkpoints, fetched and verified from the configured gateways or the lease's holders.</summary>
internal static class CheckpointCommands
{
    /// <summary>Creates <c>checkpoint</c> and its subcommands.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("checkpoint", "A lease's committed checkpoints (from chain events), fetched from the gateways or the lease's holders (its provider and standbys) and verified against their CIDs.");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Fetch(runner, "get", "Fetches a checkpoint (the latest, or --step) and writes its files into a new folder.", export: false));
        command.Subcommands.Add(Fetch(runner, "export", "Fetches a checkpoint (the latest, or --step) and writes it as a CAR file.", export: true));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var command = new Command("list", "Lists a lease's committed checkpoints, oldest first: epoch, step, CID, size.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var lease = await LeaseCommands.FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var commits = await CheckpointHistory.ReadAsync(chain, lease.LeaseId, cancellationToken).ConfigureAwait(false);
            var rows = commits.Select(c => new CheckpointView(ViewMapping.Wei(c.Commit.LeaseId), c.Commit.Epoch, c.Commit.Step, c.Commit.Cid?.ToString(), c.Commit.SizeBytes, c.Block, c.Transaction)).ToArray();
            context.Printer.Table(
                rows,
                [new("EPOCH", r => r.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("STEP", r => r.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("CID", r => r.Cid ?? "(not a CID)"), new("BYTES", r => r.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("BLOCK", r => r.Block.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                r => r,
                r => r.Cid ?? string.Empty);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Fetch(CommandRunner runner, string name, string description, bool export)
    {
        var id = IdArgument.Create("lease", "Lease id.");
        var step = new Option<ulong?>("--step") { Description = "The committed step to fetch (default: the latest)." };
        var output = new Option<string>("--out") { Description = export ? "CAR file to write (must not exist)." : "Folder to write (must not exist).", Required = true };
        var command = new Command(name, description) { id, step, output };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var destination = Path.GetFullPath(context.Parse.GetValue(output)!);
            if (File.Exists(destination) || Directory.Exists(destination))
            {
                throw CliException.Usage($"{destination} already exists; give a new path to --out.");
            }

            var lease = await LeaseCommands.FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var commit = Choose(await CheckpointHistory.ReadAsync(chain, lease.LeaseId, cancellationToken).ConfigureAwait(false), lease.LeaseId, context.Parse.GetValue(step));
            using var directory = new ProviderDirectory(chain.Registry(), context.Config.Gateways);
            var skipped = new List<string>();
            var sources = await CheckpointSources.OfLeaseAsync(chain.Market(), directory, context.Config.Gateways, lease, skipped.Add, cancellationToken).ConfigureAwait(false);
            skipped.ForEach(context.Printer.Note);
            if (sources.Count == 0)
            {
                throw CliException.Configuration("No node to fetch the checkpoint from: no gateways are configured and the lease's holders could not be found; add node API URLs to gateways in the config (or --gateway).");
            }

            var blocks = new MemoryBlockStore();
            const string Key = "checkpoint";
            var (fetched, source) = await TransferProgress.RunAsync(
                context.Printer, context.Environment, [(Key, $"checkpoint step {commit.Step}", (long)commit.SizeBytes)],
                async progress =>
                {
                    var result = await CheckpointSources.FetchAsync(sources, commit.Cid!, new CountingBlockStore(blocks, bytes => progress.Report(Key, bytes)), cancellationToken).ConfigureAwait(false);
                    progress.Complete(Key);
                    return result;
                }).ConfigureAwait(false);
            context.Printer.Note($"checkpoint {commit.Cid} fetched from {source}");
            if (export)
            {
                await WriteCarAsync(blocks, commit.Cid!, destination, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await new UnixFsExporter(blocks).ExportAsync(commit.Cid!, destination, cancellationToken).ConfigureAwait(false);
            }

            var view = new CheckpointFetchView(ViewMapping.Wei(lease.LeaseId), commit.Step, commit.Cid!.ToString(), destination, fetched.BlocksFetched + fetched.BlocksAlreadyPresent, fetched.BytesFetched);
            context.Printer.Record(view, destination, [("lease", view.LeaseId), ("step", view.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cid", view.Cid), ("written", destination), ("from", source.ToString()), ("blocks", view.Blocks.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static CheckpointCommitted Choose(IReadOnlyList<(CheckpointCommitted Commit, ulong Block, string Transaction)> commits, BigInteger leaseId, ulong? step)
    {
        var usable = commits.Select(c => c.Commit).Where(c => c.Cid is not null).ToArray();
        if (usable.Length == 0)
        {
            throw CliException.NotFound($"Lease {leaseId} has no committed checkpoint yet; `depin lease watch {leaseId}` shows when one is.");
        }

        return step is { } wanted
            ? usable.LastOrDefault(c => c.Step == wanted) ?? throw CliException.NotFound($"Lease {leaseId} has no checkpoint at step {wanted}; `depin checkpoint list {leaseId}` shows the steps.")
            : usable[^1];
    }

    private static async Task WriteCarAsync(MemoryBlockStore blocks, Cid root, string destination, CancellationToken cancellationToken)
    {
        var temporary = destination + ".partial";
        await using (var stream = File.Create(temporary))
        {
            var car = await CarWriter.CreateAsync(stream, [root], cancellationToken).ConfigureAwait(false);
            await foreach (var cid in blocks.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                await car.WriteBlockAsync(cid, (await blocks.GetAsync(cid, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(temporary, destination);
    }
}
