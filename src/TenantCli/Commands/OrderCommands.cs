using System.CommandLine;
using System.Globalization;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Commands;

/// <summary><c>depin order create|list|show|offers|finalize|cancel</c>.</summary>
internal static class OrderCommands
{
    /// <summary>How many of the newest orders <c>list</c> reads by default.</summary>
    public const int DefaultScan = 200;

    /// <summary>Creates <c>order</c> and its subcommands.</summary>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("order", "Place, inspect, finalize and cancel orders (the tenant's bids).");
        command.Subcommands.Add(CreateOrder(runner));
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Offers(runner));
        command.Subcommands.Add(Finalize(runner));
        command.Subcommands.Add(Cancel(runner));
        return command;
    }

    /// <summary>The --scan option of list commands.</summary>
    public static Option<int> ScanOption() => new("--scan") { Description = "How many of the newest orders to look through (1 to 10000).", DefaultValueFactory = _ => DefaultScan };

    /// <summary>The checked --scan value.</summary>
    public static int Scan(ParseResult parse, Option<int> option)
    {
        var scan = parse.GetValue(option);
        return scan is >= 1 and <= 10_000 ? scan : throw CliException.Usage($"--scan is {scan}; it must be between 1 and 10000.");
    }

    /// <summary>How long `order create` keeps offering the spec to nodes that have not seen the new order yet.</summary>
    private static readonly TimeSpan UploadWindow = TimeSpan.FromSeconds(30);

    private static Command CreateOrder(CommandRunner runner)
    {
        var options = new OrderOptions();
        var noUpload = new Option<bool>("--no-upload") { Description = "Do not upload the spec to the configured gateways' nodes." };
        var command = new Command("create", "Validates a job spec and places its order with a permit (one transaction), then uploads the spec to the configured nodes.");
        options.AddTo(command);
        command.Options.Add(noUpload);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var spec = await SpecFile.ReadAsync(context.Parse.GetValue(options.Spec)!, cancellationToken).ConfigureAwait(false);
            var request = options.ToRequest(context.Parse, spec);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var now = await context.ChainNowAsync(cancellationToken).ConfigureAwait(false);
            var orderId = await chain.Market(key, CommandContext.Sends).CreateOrderWithPermitAsync(request, now.AddHours(1), cancellationToken).ConfigureAwait(false);
            var uploads = context.Parse.GetValue(noUpload) ? [] : await Output.TransferProgress.RunAsync(
                context.Printer, context.Environment, [.. context.Config.Gateways.Select(node => (node.ToString(), $"upload to {node}", spec.UploadBytes))],
                progress => SpecUploader.UploadUntilAcceptedAsync(spec, context.Config.Gateways, UploadWindow, progress, cancellationToken)).ConfigureAwait(false);
            if (!context.Parse.GetValue(noUpload) && !uploads.Any(upload => upload.Status == "accepted"))
            {
                context.Printer.Note($"warning: no node took the spec ({(uploads.Count == 0 ? "no gateways configured" : string.Join("; ", uploads.Select(u => $"{u.Node} {u.Status} {u.Detail}")))}); providers cannot fetch it until one does.");
            }

            var view = new OrderCreatedView(ViewMapping.Wei(orderId), spec.Cid.ToString(), request.Kind.ToString(), request.Replicas, request.Standbys, ViewMapping.Wei(request.Escrow), ViewMapping.Wei(request.MaxPricePerSecond), uploads);
            context.Printer.Record(view, ViewMapping.Wei(orderId),
            [
                ("order", ViewMapping.Wei(orderId)), ("spec", spec.Cid.ToString()), ("kind", request.Kind.ToString()),
                ("replicas", $"{request.Replicas} (+{request.Standbys} standbys)"), ("escrow", TokenAmount.Format(request.Escrow)),
                ("uploads", uploads.Count == 0 ? "-" : string.Join(", ", uploads.Select(u => $"{u.Node} {u.Status}"))),
                ("next", $"depin order offers {orderId}, then depin order finalize {orderId}"),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var all = new Option<bool>("--all") { Description = "Every tenant's orders, not only the wallet's." };
        var scan = ScanOption();
        var command = new Command("list", "Lists the wallet's orders, newest first.") { all, scan };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var tenant = context.Parse.GetValue(all) ? null : context.WalletAddress;
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var orders = await TenantOrders.RecentAsync(chain.Market(), tenant, Scan(context.Parse, scan), cancellationToken).ConfigureAwait(false);
            context.Printer.Table(
                orders,
                [
                    new("ORDER", o => ViewMapping.Wei(o.OrderId)), new("STATE", o => o.State.ToString()), new("KIND", o => o.Kind.ToString()),
                    new("GPU", o => (o.GpuModel.Length == 0 ? "any" : o.GpuModel) + " x" + o.GpusPerReplica), new("REPLICAS", o => $"{o.Replicas}+{o.Standbys}"),
                    new("MAX/H", o => TokenAmount.PerHour(o.MaxPricePerSecond)), new("OFFERS", o => o.OfferCount.ToString(CultureInfo.InvariantCulture)),
                    new("LEASES", o => string.Join(",", o.LeaseIds.Select(ViewMapping.Wei))),
                ],
                o => ViewMapping.ToView(o),
                o => ViewMapping.Wei(o.OrderId));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = IdArgument.Create("order", "Order id.");
        var command = new Command("show", "Shows an order: its terms, escrow, offers and leases.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var order = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            context.Printer.Record(ViewMapping.ToView(order), ViewMapping.Wei(order.OrderId), ViewMapping.Fields(order));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Offers(CommandRunner runner)
    {
        var id = IdArgument.Create("order", "Order id.");
        var command = new Command("offers", "Shows an order's offer book, cheapest first, with what finalize would make of each offer now.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var order = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var offers = (await chain.Market().GetOffersAsync(order.OrderId, cancellationToken).ConfigureAwait(false))
                .OrderBy(offer => offer.PricePerSecond).ThenBy(offer => offer.Sequence).ToArray();
            var rows = offers.Select((offer, index) => new OfferView(
                offer.Provider, ViewMapping.Wei(offer.PricePerSecond), TokenAmount.PerHour(offer.PricePerSecond), offer.Sequence,
                index < order.Replicas ? "lease" : index < order.Replicas + order.Standbys ? "standby" : "none")).ToArray();
            context.Printer.Table(
                rows,
                [new("PROVIDER", o => o.Provider), new("PRICE/H", o => o.PricePerHour), new("WEI/S", o => o.PricePerSecondWei), new("SEQ", o => o.Sequence.ToString(CultureInfo.InvariantCulture)), new("WOULD BE", o => o.Rank)],
                o => o,
                o => o.Provider);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Finalize(CommandRunner runner)
    {
        var id = IdArgument.Create("order", "Order id.");
        var command = new Command("finalize", "Turns the cheapest offers into leases and the next ones into standbys (asks first unless --yes).") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var order = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            if (!context.Confirm($"Finalize order {order.OrderId} with {order.OfferCount} offer(s)?"))
            {
                return ExitCodes.CheckFailed;
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var finalized = await chain.Market(key, CommandContext.Sends).FinalizeOrderAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
            var leases = Enumerable.Range(0, finalized.LeaseCount).Select(i => ViewMapping.Wei(finalized.FirstLeaseId + i)).ToArray();
            var view = new FinalizedView(ViewMapping.Wei(order.OrderId), leases, finalized.Standbys);
            context.Printer.Record(view, string.Join(Environment.NewLine, leases),
                [("order", view.OrderId), ("leases", string.Join(", ", leases)), ("standbys", finalized.Standbys.Count == 0 ? "-" : string.Join(", ", finalized.Standbys)), ("next", "depin lease list")]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel(CommandRunner runner)
    {
        var id = IdArgument.Create("order", "Order id.");
        var command = new Command("cancel", "Cancels an open order; its escrow becomes withdrawable (asks first unless --yes).") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var order = await FindAsync(context, context.Parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            if (!context.Confirm($"Cancel order {order.OrderId}?"))
            {
                return ExitCodes.CheckFailed;
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            var receipt = await chain.Market(key, CommandContext.Sends).CancelOrderAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
            var refund = receipt.Events.OfType<OrderCancelled>().Single().Refund;
            var view = new TransactionView("cancel order", ViewMapping.Wei(order.OrderId), receipt.TransactionHash, receipt.BlockNumber, ViewMapping.Wei(refund));
            context.Printer.Record(view, receipt.TransactionHash,
                [("order", view.Id), ("refund", TokenAmount.Format(refund) + " (withdraw with `depin withdraw`)"), ("transaction", receipt.TransactionHash)]);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The order named by <paramref name="text"/>; not-found error when the market has none.</summary>
    public static async Task<OrderDetails> FindAsync(CommandContext context, string? text, CancellationToken cancellationToken)
    {
        var orderId = IdArgument.Parse(text, "order");
        var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
        return await chain.Market().GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"There is no order {orderId} on chain {chain.Deployment.ChainId}; list yours with `depin order list`.");
    }
}
