using System.Collections.Concurrent;
using System.Threading.Channels;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>
/// The serving half of Bitswap: answers peers' wantlists from the block store only. Each peer has a ledger (its
/// bounded wantlist, bytes in flight, counters); peers with work wait in one round-robin queue and every turn builds
/// one message (up to <see cref="BitswapServerOptions.TargetMessageSize"/>) for one peer, so a greedy peer cannot starve
/// the others. Want-block is answered with the block, want-have with HAVE (or the block itself when it is at most
/// <see cref="BitswapServerOptions.MaxInlineBlockSize"/> bytes), a missing block with DONT_HAVE when asked for; wants
/// for missing blocks are kept and served once <see cref="NotifyBlocksAvailable"/> reports the block.
/// </summary>
public sealed partial class BitswapServer : IAsyncDisposable
{
    private readonly IBlockStore _store;
    private readonly Access.IBlockAccessPolicy? _accessPolicy;
    private readonly IBitswapNetwork _network;
    private readonly BitswapServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<PeerId, PeerLedger> _ledgers = new();
    private readonly Channel<PeerLedger> _turns = Channel.CreateUnbounded<PeerLedger>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskTracker _sends;
    private Task[] _workers = [];
    private int _started;

    /// <summary>
    /// Serves blocks of <paramref name="store"/> to peers of <paramref name="network"/>; with <paramref name="accessPolicy"/>,
    /// a want the policy refuses is answered as for a block the store lacks.
    /// </summary>
    public BitswapServer(
        IBlockStore store, IBitswapNetwork network, BitswapServerOptions? options = null, ILogger<BitswapServer>? logger = null,
        Access.IBlockAccessPolicy? accessPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(network);
        _options = options ?? new BitswapServerOptions();
        _options.Validate();
        _store = store;
        _network = network;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _sends = new TaskTracker(_logger);
        _accessPolicy = accessPolicy;
        if (accessPolicy is not null)
        {
            accessPolicy.ReadersChanged += NotifyBlocksAvailable;
        }
    }

    /// <summary>Ledgers of the peers the server knows now.</summary>
    public IReadOnlyList<PeerLedgerSnapshot> Ledgers => [.. _ledgers.Values.Select(ledger => ledger.Snapshot())];

    /// <summary>Starts the workers. Wantlists received before this wait for it.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _workers = [.. Enumerable.Range(0, _options.WorkerCount).Select(_ => Task.Run(RunWorkerAsync))];
    }

    /// <summary>The ledger of <paramref name="peer"/>, or null when it never sent a wantlist (or disconnected).</summary>
    public PeerLedgerSnapshot? GetLedger(PeerId peer) => _ledgers.TryGetValue(peer, out var ledger) ? ledger.Snapshot() : null;

    /// <summary>Applies a wantlist received from <paramref name="peer"/> and schedules the answers.</summary>
    public void ReceiveWantlist(PeerId peer, BitswapWantlist wantlist)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(wantlist);
        var ledger = _ledgers.GetOrAdd(peer, static (id, max) => new PeerLedger(id, max), _options.MaxWantlistEntriesPerPeer);
        var ignored = ledger.Apply(wantlist);
        if (ignored > 0)
        {
            BitswapLog.WantlistLimitReached(_logger, peer.ToString(), ignored, _options.MaxWantlistEntriesPerPeer);
        }

        Schedule(ledger);
    }

    /// <summary>Blocks became available in the store: peers waiting for them are served.</summary>
    public void NotifyBlocksAvailable(IReadOnlyCollection<Cid> cids)
    {
        ArgumentNullException.ThrowIfNull(cids);
        foreach (var ledger in _ledgers.Values)
        {
            if (ledger.Unpark(cids) > 0)
            {
                Schedule(ledger);
            }
        }
    }

    /// <summary>Forgets a disconnected peer's wants.</summary>
    public void PeerDisconnected(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_ledgers.TryRemove(peer, out var ledger))
        {
            ledger.Close();
        }
    }

    /// <summary>Stops the workers and waits for sends in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        if (_accessPolicy is not null)
        {
            _accessPolicy.ReadersChanged -= NotifyBlocksAvailable;
        }

        _turns.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        await _sends.WhenAllAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        foreach (var ledger in _ledgers.Values)
        {
            ledger.Close();
        }

        _stopping.Dispose();
    }

    private void Schedule(PeerLedger ledger)
    {
        if (ledger.TryMarkQueued(_options.MaxBytesInFlightPerPeer))
        {
            _turns.Writer.TryWrite(ledger);
        }
    }

    private async Task RunWorkerAsync()
    {
        try
        {
            await foreach (var ledger in _turns.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (ledger.BeginTurn())
                {
                    await RunTurnAsync(ledger, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown: queued turns are abandoned with the server.
        }
        catch (Exception exception)
        {
            BitswapLog.WorkerFailed(_logger, exception);
            throw;
        }
    }

    private async Task SendAsync(PeerLedger ledger, EncodedMessage message)
    {
        var delivered = false;
        try
        {
            await _network.SendAsync(ledger.Peer, message, _stopping.Token).ConfigureAwait(false);
            delivered = true;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer left or the node is stopping; its client re-asks elsewhere after its timeout.
            BitswapLog.SendFailed(_logger, ledger.Peer.ToString(), exception.Message);
        }
        finally
        {
            ledger.SendFinished(message.FrameLength, message.BlockCount, message.BlockBytes, delivered);
            message.Dispose();
        }

        Schedule(ledger);
    }
}
