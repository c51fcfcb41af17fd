using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// Between placing and finalizing: keeps offering the spec to nodes that have not taken it yet (a node takes it only
/// once it has seen the order), prints offers as they arrive, and returns when the policy says finalize, or null when
/// the bid window closed without that.
/// </summary>
internal sealed class OfferWatcher
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly MarketClient _market;
    private readonly CommandPrinter _printer;
    private readonly CliEnvironment? _environment;

    /// <summary>Creates the watcher; with <paramref name="environment"/>, the first upload to each node shows a progress bar at a terminal.</summary>
    public OfferWatcher(MarketClient market, CommandPrinter printer, CliEnvironment? environment = null)
    {
        _market = market;
        _printer = printer;
        _environment = environment;
    }

    /// <summary>The uploads as last tried, one per node.</summary>
    public Dictionary<Uri, UploadView> Uploads { get; } = [];

    /// <summary>
    /// True while a node holds the spec but not yet every input (refused one, e.g. rate-limited): finalizing now would
    /// close the order, after which no node takes the input, so the winner could never start. Waits for the next try.
    /// </summary>
    private bool InputsPending => Uploads.Values.Any(upload => upload.Status != "accepted" && upload.Detail.StartsWith("input ", StringComparison.Ordinal));

    private DateTimeOffset _lastTry = DateTimeOffset.MinValue;

    /// <summary>Watches until the policy is met (true) or the bid window closed (false).</summary>
    public async Task<bool> WatchAsync(BigInteger orderId, SpecFile spec, IReadOnlyList<Uri> nodes, FinalizePolicy policy, Func<CancellationToken, Task<DateTimeOffset>> now, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            await UploadPendingAsync(spec, nodes, cancellationToken).ConfigureAwait(false);
            var order = await _market.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Order {orderId} vanished from the market.");
            var offers = await _market.GetOffersAsync(orderId, cancellationToken).ConfigureAwait(false);
            foreach (var offer in offers.Where(offer => seen.Add(offer.Provider)))
            {
                _printer.Note($"offer: {offer.Provider} at {TokenAmount.PerHour(offer.PricePerSecond)} tokens/h");
            }

            var windowClosed = await now(cancellationToken).ConfigureAwait(false) >= order.BidDeadline;
            if (policy.IsMet(order, offers, windowClosed) && (windowClosed || !InputsPending))
            {
                return true;
            }

            if (windowClosed)
            {
                _printer.Note(policy.Shortfall(order, offers) + ".");
                return false;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Offers the spec to every node until each accepts or <paramref name="window"/> has passed (a detached run does not come back to retry).</summary>
    public async Task UploadUntilAcceptedAsync(SpecFile spec, IReadOnlyList<Uri> nodes, TimeSpan window, CancellationToken cancellationToken)
    {
        var uploads = await WithProgressAsync(spec, nodes, progress => SpecUploader.UploadUntilAcceptedAsync(spec, nodes, window, progress, cancellationToken)).ConfigureAwait(false);
        foreach (var upload in uploads)
        {
            if (upload.Status == "accepted")
            {
                _printer.Note(spec.Inputs.Count == 0 ? $"spec uploaded to {upload.Node}" : $"spec and {spec.Inputs.Count} input(s) uploaded to {upload.Node}");
            }

            Uploads[new Uri(upload.Node)] = upload;
        }
    }

    /// <summary>Offers the spec to every node that has not accepted it yet.</summary>
    public async Task UploadPendingAsync(SpecFile spec, IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        var pending = nodes.Where(node => !Uploads.TryGetValue(node, out var upload) || upload.Status != "accepted").ToArray();
        // Retries at most once a second (as order create's): a node's upload bucket refills at about one a second, and
        // trying at every poll had it answer 429 to the input right after taking the spec.
        if (pending.Length == 0 || DateTimeOffset.UtcNow - _lastTry < RetryInterval)
        {
            return;
        }

        _lastTry = DateTimeOffset.UtcNow;

        // Bars only for the first try at each node: the retries of nodes that have not seen the order yet stay quiet.
        var uploads = _environment is not null && pending.Any(node => !Uploads.ContainsKey(node))
            ? await WithProgressAsync(spec, pending, progress => SpecUploader.UploadAsync(spec, pending, progress, cancellationToken)).ConfigureAwait(false)
            : await SpecUploader.UploadAsync(spec, pending, cancellationToken).ConfigureAwait(false);
        foreach (var upload in uploads)
        {
            var node = new Uri(upload.Node);
            if (upload.Status == "accepted" && (!Uploads.TryGetValue(node, out var before) || before.Status != "accepted"))
            {
                _printer.Note(spec.Inputs.Count == 0 ? $"spec uploaded to {node}" : $"spec and {spec.Inputs.Count} input(s) uploaded to {node}");
            }

            Uploads[node] = upload;
        }
    }

    private Task<IReadOnlyList<UploadView>> WithProgressAsync(SpecFile spec, IReadOnlyList<Uri> nodes, Func<TransferProgress?, Task<IReadOnlyList<UploadView>>> upload) =>
        _environment is null
            ? upload(null)
            : TransferProgress.RunAsync(_printer, _environment, [.. nodes.Select(node => (node.ToString(), $"upload to {node}", spec.UploadBytes))], progress => upload(progress));
}
