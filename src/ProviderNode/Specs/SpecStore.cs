using System.Collections.Concurrent;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Specs;

/// <summary>
/// Job specs and small inputs as raw blocks in the node's content store: accepted from uploads only when an open
/// order names their CID (<see cref="OpenOrderBook"/>), otherwise fetched from peers when a fetcher is configured.
/// A spec is one raw block (specs are at most 64 KiB), so its CID is the one <c>ipfs add --cid-version=1
/// --raw-leaves</c> gives the file.
/// </summary>
public sealed class SpecStore
{
    private readonly ContentStore _store;
    private readonly OpenOrderBook _orders;
    private readonly IContentFetcher? _fetcher;
    private readonly ConcurrentDictionary<Cid, TaskCompletionSource> _arrivals = new();

    /// <summary>Creates the store.</summary>
    public SpecStore(ContentStore store, OpenOrderBook orders, IContentFetcher? fetcher = null)
    {
        _store = store;
        _orders = orders;
        _fetcher = fetcher;
    }

    /// <summary>Stores and pins an upload when an open order names its CID; a refusal changes nothing.</summary>
    public async Task<UploadResult> UploadAsync(ReadOnlyMemory<byte> content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Length > maxBytes)
        {
            return new UploadResult(null, false, $"The upload is {content.Length} bytes; this node accepts at most {maxBytes}.");
        }

        var block = Block.Create(MulticodecCode.Raw, content.ToArray());
        var kind = _orders.Classify(block.Cid);
        if (kind == UploadKind.Refused)
        {
            return new UploadResult(block.Cid, false, $"No open order names {block.Cid} as its spec or an input; place the order first, then upload exactly the bytes whose CID it names.");
        }

        if (kind == UploadKind.Spec && JobSpecParser.Parse(block.Data.Span) is { IsValid: false } parsed)
        {
            return new UploadResult(block.Cid, false, "The spec is not valid: " + parsed.Describe());
        }

        await StoreAsync(block, kind, cancellationToken).ConfigureAwait(false);
        return new UploadResult(block.Cid, true, null);
    }

    /// <summary>The bytes of <paramref name="cid"/>: local, else fetched from peers; null when it did not come within <paramref name="wait"/>.</summary>
    public async Task<byte[]?> GetAsync(Cid cid, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var arrival = _arrivals.GetOrAdd(cid, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (await _store.Blocks.GetAsync(cid, cancellationToken).ConfigureAwait(false) is { } local)
        {
            return local;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        var fetch = _fetcher is null ? Task.Delay(Timeout.Infinite, timeout.Token) : _fetcher.FetchDagAsync(cid, "spec", timeout.Token);
        try
        {
            if (await Task.WhenAny(arrival.Task, fetch).WaitAsync(timeout.Token).ConfigureAwait(false) == fetch
                && (fetch.IsFaulted || fetch is Task<ContentFetchResult> { IsCompletedSuccessfully: true, Result.IsComplete: false }))
            {
                // No peer had it (yet): an upload may still bring it before the wait ends.
                await arrival.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return await _store.Blocks.GetAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    private async Task StoreAsync(Block block, UploadKind kind, CancellationToken cancellationToken)
    {
        await using (var session = _store.BeginSession())
        {
            await session.PutAsync(block, cancellationToken).ConfigureAwait(false);
            await session.PinAsync(block.Cid, name: kind == UploadKind.Spec ? "spec" : "input", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (kind == UploadKind.Spec && JobSpecParser.Parse(block.Data.Span).Spec is { } spec)
        {
            _orders.AddInputs(block.Cid, spec.Inputs.Select(input => Cid.Parse(input.Cid)).ToArray());
        }

        _arrivals.GetOrAdd(block.Cid, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
