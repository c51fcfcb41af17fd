using System.CommandLine;
using System.Globalization;
using System.Net;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Output;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// <c>depin gateway --order &lt;id&gt; [--listen 127.0.0.1:8080]</c>: a local reverse proxy in front of a Stateless
/// order's replicas (docs/cli.md, README "Running a service").
/// </summary>
internal static class GatewayCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandRunner runner)
    {
        var order = new Option<string>("--order") { Description = "The Stateless order whose replicas to serve.", Required = true };
        var listen = new Option<string>("--listen") { Description = "Address clients connect to.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var metrics = new Option<string?>("--metrics-listen") { Description = "Address of /metrics (Prometheus text); default: the listen port + 1." };
        var attempts = new Option<int>("--max-attempts") { Description = "Attempts per request, the first included (1 to 10).", DefaultValueFactory = _ => 3 };
        var bodyBytes = new Option<int>("--max-body-bytes") { Description = "Request bodies up to this size are buffered so they can be re-sent.", DefaultValueFactory = _ => 1 << 20 };
        var reconcile = new Option<int>("--reconcile-interval") { Description = "Seconds between full re-reads of the order's leases, a safety net under the chain-event watch (1 to 3600).", DefaultValueFactory = _ => 20 };
        var command = new Command("gateway", "Serves a Stateless order's replicas on one local address: health checks, least-requests balancing, per-request retries on another replica (POST too when the spec is idempotent), streams continued across a replica's death, replicas kept current from the market's events (a lease handed over, reopened, replaced or closed) with a slow full re-read as a safety net. With -o json: one event a line. Runs until interrupted.")
        {
            order, listen, metrics, attempts, bodyBytes, reconcile,
        };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var orderId = IdArgument.Parse(context.Parse.GetValue(order), "order");
            var listenAt = Endpoint(context.Parse.GetValue(listen)!, "--listen");
            var metricsAt = context.Parse.GetValue(metrics) is { } text ? Endpoint(text, "--metrics-listen") : new IPEndPoint(listenAt.Address, (listenAt.Port + 1) % 65536);
            var options = new GatewayOptions
            {
                Listen = listenAt,
                MetricsListen = metricsAt,
                MaxAttempts = context.Parse.GetValue(attempts),
                MaxBufferedBodyBytes = context.Parse.GetValue(bodyBytes),
                ReconcileInterval = TimeSpan.FromSeconds(context.Parse.GetValue(reconcile)),
            };
            if (options.Problems() is { Count: > 0 } problems)
            {
                throw CliException.Usage(string.Join(" ", problems));
            }

            var chain = await context.ChainAsync(cancellationToken).ConfigureAwait(false);
            var market = chain.Market();
            var details = await market.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
                ?? throw CliException.NotFound($"There is no order {orderId} on chain {chain.Deployment.ChainId}; list yours with `depin order list`.");
            if (details.Kind != OrderKind.Stateless)
            {
                throw CliException.Usage($"Order {orderId} is {details.Kind}: the gateway serves only Stateless (service) orders.");
            }

            if (!string.Equals(details.Tenant, context.WalletAddress, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"Order {orderId} belongs to {details.Tenant}, not to wallet {context.WalletName} ({context.WalletAddress}): only its tenant may learn its replicas' addresses.", ExitCodes.CheckFailed);
            }

            var key = await context.UnlockWalletAsync(cancellationToken).ConfigureAwait(false);
            using var directory = new ProviderDirectory(chain.Registry(), context.Config.Gateways);
            using var nodes = new NodeServiceClient(key, chain.Deployment.ChainId);
            using var invoker = ReplicaInvoker.Create();
            using var meter = new GatewayMetrics();
            var json = context.Printer.Mode == OutputMode.Json;
            var events = new GatewayEventLog(json ? context.Environment.Output : null, TimeProvider.System);
            var parts = new GatewayParts(new ReplicaSet(), options, invoker, meter, events);
            var watcher = new OrderEventWatcher(chain.Rpc, chain.Deployment.Contracts.Market, orderId, events, options.ChainPollInterval);
            var source = new OrderReplicaSource(market, directory, nodes, orderId, parts, watcher);
            await source.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await context.Environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"depin: gateway for order {orderId} on http://{listenAt}/ (metrics http://{metricsAt}/metrics), {parts.Replicas.All.Count} replica(s) found; Ctrl+C stops it.")).ConfigureAwait(false);
            await GatewayRun.RunAsync(parts, source, json || !context.Environment.OutputIsTerminal ? null : new GatewayLiveView(parts, context.Printer.Console, $"order {orderId}"), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IPEndPoint Endpoint(string text, string option) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw CliException.Usage($"{option} is \"{text}\"; give an IP address and a port, e.g. 127.0.0.1:8080.");
}
