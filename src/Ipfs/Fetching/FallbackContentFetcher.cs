namespace DePinGpu.Ipfs.Fetching;

/// <summary>
/// Tries several ways of fetching in order (for example Bitswap from peers, then trustless gateways) until one has made
/// the whole DAG present. Blocks a failed attempt stored stay in the content store, so the next way only fetches what
/// is still missing. When every way fails, the outcome names each way's reason.
/// </summary>
public sealed class FallbackContentFetcher : IContentFetcher
{
    private readonly IReadOnlyList<IContentFetcher> _fetchers;

    /// <summary>Creates a fetcher that tries <paramref name="fetchers"/> in order; there must be at least one.</summary>
    public FallbackContentFetcher(IReadOnlyList<IContentFetcher> fetchers)
    {
        ArgumentNullException.ThrowIfNull(fetchers);
        if (fetchers.Count == 0)
        {
            throw new ArgumentException("A fallback fetcher needs at least one way of fetching.", nameof(fetchers));
        }

        _fetchers = fetchers;
    }

    /// <inheritdoc />
    public async Task<ContentFetchResult> FetchDagAsync(Libp2p.Multiformats.Cid root, string? pinName = null, CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>(_fetchers.Count);
        ContentFetchResult? last = null;
        foreach (var fetcher in _fetchers)
        {
            last = await fetcher.FetchDagAsync(root, pinName, cancellationToken).ConfigureAwait(false);
            if (last.IsComplete)
            {
                return last;
            }

            reasons.Add($"{fetcher.GetType().Name}: {last.Error}");
        }

        return last! with { Error = string.Join("; ", reasons) };
    }
}
