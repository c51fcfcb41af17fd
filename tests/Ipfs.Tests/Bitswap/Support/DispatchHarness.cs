using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>
/// A fetcher node connected to hand-driven probes, for tests that assert which wants each peer receives. Timers are
/// long by default so that only the test's answers move the fetch on.
/// </summary>
internal sealed class DispatchHarness : IAsyncDisposable
{
    public static readonly FetchOptions Slow = new()
    {
        PinRoot = false,
        WantHaveFanout = 0,
        WantTimeout = TimeSpan.FromSeconds(60),
        PeerStallTimeout = TimeSpan.FromSeconds(60),
        RetryInterval = TimeSpan.FromSeconds(60),
        NoProgressTimeout = TimeSpan.FromSeconds(120),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _fetches = [];

    private DispatchHarness(MemoryBitswapHub hub, BitswapTestNode fetcher, IReadOnlyList<ProbePeer> probes)
    {
        Hub = hub;
        Fetcher = fetcher;
        Probes = probes;
    }

    public MemoryBitswapHub Hub { get; }

    public BitswapTestNode Fetcher { get; }

    public IReadOnlyList<ProbePeer> Probes { get; }

    public Libp2p.Identity.PeerId FetcherId => Fetcher.Endpoint.LocalPeer;

    public static async Task<DispatchHarness> StartAsync(int probes)
    {
        var hub = new MemoryBitswapHub();
        var fetcher = await BitswapTestNode.StartAsync(hub);
        var list = Enumerable.Range(0, probes).Select(_ => new ProbePeer(hub)).ToList();
        foreach (var probe in list)
        {
            hub.Connect(probe.Endpoint, fetcher.Endpoint);
        }

        return new DispatchHarness(hub, fetcher, list);
    }

    /// <summary>Starts a fetch that the harness cancels when disposed.</summary>
    public Task<FetchResult> Fetch(Cid root, FetchOptions options)
    {
        var fetch = Fetcher.Node.FetchAsync(root, options, cancellationToken: _stop.Token);
        _fetches.Add(fetch);
        return fetch;
    }

    /// <summary>
    /// Waits until every probe was asked for the root (want-block or want-have: the root is asked of everyone) and
    /// returns the probe asked for the block itself.
    /// </summary>
    public async Task<ProbePeer> RootAskedOfAsync(Cid root)
    {
        ProbePeer? chosen = null;
        foreach (var probe in Probes)
        {
            var entry = (await probe.WantsUntilAsync(want => want.Cid.Equals(root) && !want.Cancel)).Last();
            if (entry.WantType == WantType.Block)
            {
                Assert.Null(chosen);
                chosen = probe;
            }
        }

        return chosen ?? throw new Xunit.Sdk.XunitException("No probe was sent a want-block for the root.");
    }

    /// <summary>
    /// Starts a second fetch, of a block nobody has, and returns every entry each probe received before that fetch's
    /// want reached it. Wants to one peer leave in the order they were made, so the marker proves that nothing the first
    /// fetch had decided to send before it is still on the way.
    /// </summary>
    public async Task<List<WantlistEntry>[]> DrainWithMarkerAsync(params ProbePeer[] probes)
    {
        var marker = Block.Create(MulticodecCode.Raw, TestData.Random(64, seed: Environment.TickCount)).Cid;
        _ = Fetch(marker, Slow);
        var drained = new List<WantlistEntry>[probes.Length];
        for (var index = 0; index < probes.Length; index++)
        {
            var entries = await probes[index].WantsUntilAsync(want => want.Cid.Equals(marker));
            drained[index] = entries.SkipLast(1).ToList();
        }

        return drained;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var fetch in _fetches)
        {
            try
            {
                await fetch;
            }
            catch (OperationCanceledException)
            {
                // Fetches still running when the test ends are cancelled on purpose.
            }
        }

        await Fetcher.DisposeAsync();
        await Hub.DisposeAsync();
        _stop.Dispose();
    }
}
