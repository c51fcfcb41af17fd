using System.Diagnostics;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>
/// One DAG fetch: discovers the DAG from the root (blocks already stored are read, not fetched), asks peers for the
/// missing blocks with a bounded number in flight, stores each verified block and follows its links, re-asks other
/// peers on DONT_HAVE, timeouts, stalls and disconnects, and ends when every block is stored or nothing has arrived
/// for the no-progress timeout. All state is guarded by one lock; store and network work happens outside it.
/// </summary>
internal sealed partial class DagFetchSession : IWantSession
{
    private readonly BitswapClient _client;
    private readonly ImportSession _import;
    private readonly IBlockStore _blocks;
    private readonly Cid _root;
    private readonly FetchOptions _options;
    private readonly IProgress<FetchProgress>? _progress;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<Cid, PendingBlock> _pending = [];
    private readonly LinkedList<PendingBlock> _queue = new();
    private readonly HashSet<Cid> _seen = [];
    private readonly Dictionary<PeerId, SessionPeer> _peers = [];
    private readonly HashSet<PeerId> _explicitPeers;
    private readonly List<DroppedPeer> _dropped = [];
    private readonly TaskCompletionSource<FetchResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task _ticker = Task.CompletedTask;
    private long _lastProgressAt;
    private long _lastRetryAt;
    private long _lastReportAt = long.MinValue / 2;
    private long _blocksFetched;
    private long _bytesFetched;
    private long _blocksPresent;
    private long _bytesPresent;
    private int _inFlight;
    private bool _rootDiscovered;
    private bool _finished;

    public DagFetchSession(
        BitswapClient client, ImportSession import, IBlockStore blocks, Cid root, FetchOptions options, IProgress<FetchProgress>? progress, ILogger logger)
    {
        _client = client;
        _import = import;
        _blocks = blocks;
        _root = root;
        _options = options;
        _progress = progress;
        _logger = logger;
        _explicitPeers = [.. options.Peers];
    }

    private long Now => _clock.ElapsedMilliseconds;

    private CancellationToken Token => _stop.Token;

    /// <summary>Runs the fetch to its end (see <see cref="BitswapClient.FetchAsync"/>).</summary>
    public async Task<FetchResult> RunAsync(CancellationToken cancellationToken)
    {
        using var cancel = cancellationToken.Register(() =>
        {
            _completion.TrySetCanceled(cancellationToken);
            _stop.Cancel();
        });
        await AddInitialPeersAsync(cancellationToken).ConfigureAwait(false);
        _ticker = RunTickerAsync();
        await DiscoverAsync([_root]).ConfigureAwait(false);
        lock (_gate)
        {
            _rootDiscovered = true;
            Pump();
            CheckCompletion();
        }

        var result = await _completion.Task.ConfigureAwait(false);
        if (result.IsComplete && _options.PinRoot)
        {
            await _import.PinAsync(_root, PinType.Recursive, _options.PinName, cancellationToken).ConfigureAwait(false);
            result = result with { Pinned = true };
        }

        if (result.IsComplete)
        {
            BitswapLog.FetchCompleted(_logger, _root.ToString(), result.Progress.BlocksFetched, result.Progress.BytesFetched,
                result.Progress.BlocksAlreadyPresent, (long)result.Duration.TotalMilliseconds);
        }

        _progress?.Report(result.Progress);
        return result;
    }

    /// <summary>Ends background work and withdraws every want still out.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            _finished = true;
            foreach (var pending in _pending.Values)
            {
                CancelWants(pending);
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ticker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The ticker ends by cancellation; nothing else to report.
        }

        _stop.Dispose();
    }

    /// <inheritdoc />
    public bool Wants(Cid key)
    {
        lock (_gate)
        {
            return !_finished && _pending.TryGetValue(key, out var pending) && pending.State != PendingState.Storing;
        }
    }

    private async Task AddInitialPeersAsync(CancellationToken cancellationToken)
    {
        var connected = new List<PeerId>();
        foreach (var peer in _explicitPeers)
        {
            if (!_client.IsBanned(peer) && await _client.Network.ConnectAsync(peer, cancellationToken).ConfigureAwait(false))
            {
                connected.Add(peer);
            }
        }

        if (_options.UseConnectedPeers)
        {
            connected.AddRange(_client.Network.ConnectedPeers.Where(peer => !_client.IsBanned(peer)));
        }

        lock (_gate)
        {
            foreach (var peer in connected)
            {
                AddPeer(peer);
            }
        }
    }

    /// <summary>Under the lock: ends the fetch successfully once the root was discovered and nothing is missing.</summary>
    private void CheckCompletion()
    {
        if (!_finished && _rootDiscovered && _pending.Count == 0)
        {
            Finish(FetchOutcome.Completed, null);
        }
    }

    /// <summary>Under the lock: ends the fetch with <paramref name="outcome"/>.</summary>
    private void Finish(FetchOutcome outcome, string? error)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        IReadOnlyList<Cid> missing = outcome == FetchOutcome.Unavailable ? [.. _pending.Values.Select(pending => pending.Cid).Take(16)] : [];
        _completion.TrySetResult(new FetchResult(outcome, _root, Snapshot(), _clock.Elapsed, false, missing, [.. _dropped], error));
    }

    private void Fail(Exception exception)
    {
        lock (_gate)
        {
            _finished = true;
        }

        _completion.TrySetException(exception);
    }

    private void FailInvalid(string error)
    {
        lock (_gate)
        {
            Finish(FetchOutcome.InvalidDag, error);
        }
    }

    /// <summary>Under the lock: the counters now.</summary>
    private FetchProgress Snapshot() => new(
        _blocksFetched, _bytesFetched, _blocksPresent, _bytesPresent, _pending.Count, _inFlight, _peers.Values.Count(peer => peer.IsActive && !peer.IsDropped));

    /// <summary>Under the lock: a progress snapshot when one is due, else null.</summary>
    private FetchProgress? ProgressDue()
    {
        if (_progress is null || Now - _lastReportAt < _options.ProgressInterval.TotalMilliseconds)
        {
            return null;
        }

        _lastReportAt = Now;
        return Snapshot();
    }
}
