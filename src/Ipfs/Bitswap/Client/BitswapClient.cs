using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Diagnostics;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>
/// The fetching half of Bitswap. <see cref="FetchAsync"/> fetches a whole DAG into the content store; the client
/// keeps, per peer, what this node asked of it (so concurrent fetches share wants and a cancel only goes out when no
/// fetch needs the block), batches wantlist entries into messages, and checks every received block: its CID is rebuilt
/// by hashing the bytes, and a block that was not asked of the sender — a corrupt or unsolicited block — gets the
/// sender banned from every fetch for <see cref="BitswapClientOptions.MisbehavingPeerBan"/>.
/// </summary>
public sealed partial class BitswapClient : IAsyncDisposable
{
    /// <summary>The meter of the client's instruments (tagged with the node's peer id).</summary>
    public const string MeterName = "DePinGpu.Ipfs.Bitswap.Client";

    private readonly ContentStore _store;
    private readonly IBitswapNetwork _network;
    private readonly BitswapClientOptions _options;
    private readonly ILogger _logger;
    private readonly Action<IReadOnlyCollection<Cid>>? _blocksStored;
    private readonly ConcurrentDictionary<PeerId, PeerWantRecords> _records = new();
    private readonly ConcurrentDictionary<PeerId, PendingWantlist> _outboxes = new();
    private readonly ConcurrentDictionary<PeerId, long> _bannedUntil = new();
    private readonly Lock _sessionsGate = new();
    private readonly TaskTracker _flushes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Meter _meter;
    private readonly Counter<long> _bans;
    private IWantSession[] _sessions = [];

    /// <summary>
    /// Fetches into <paramref name="store"/> over <paramref name="network"/>. <paramref name="blocksStored"/> (optional)
    /// hears of every block a fetch stores, so the node's server can answer peers waiting for it.
    /// </summary>
    public BitswapClient(
        ContentStore store,
        IBitswapNetwork network,
        BitswapClientOptions? options = null,
        ILogger<BitswapClient>? logger = null,
        Action<IReadOnlyCollection<Cid>>? blocksStored = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(network);
        _options = options ?? new BitswapClientOptions();
        _options.Validate();
        _store = store;
        _network = network;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _blocksStored = blocksStored;
        _flushes = new TaskTracker(_logger);
        _meter = PeerMeter.Create(MeterName, network.LocalPeer.ToString());
        _bans = _meter.CreateCounter<long>("bitswap.peers_banned", "{peer}", "Peers banned from every fetch for sending a block that was not asked of them (corrupt or unsolicited).");
    }

    /// <summary>Peers banned now for sending wrong blocks.</summary>
    public IReadOnlyCollection<PeerId> BannedPeers =>
        [.. _bannedUntil.Where(pair => pair.Value > Environment.TickCount64).Select(pair => pair.Key)];

    /// <summary>
    /// Fetches the DAG under <paramref name="root"/> from the peers in <paramref name="options"/> and/or the connected
    /// ones, verifying every block before it is stored; blocks already stored are not fetched again (their children
    /// are checked), so an interrupted fetch resumes. Pins the root on success unless told not to. Cancellation throws
    /// <see cref="OperationCanceledException"/>; blocks stored so far stay (unpinned) for a later resume.
    /// </summary>
    public async Task<FetchResult> FetchAsync(
        Cid root, FetchOptions? options = null, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new FetchOptions();
        options.Validate();
        var import = _store.BeginSession();
        await using (import.ConfigureAwait(false))
        {
            var session = new DagFetchSession(this, import, _store.Blocks, root, options, progress, _logger);
            Register(session);
            try
            {
                return await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Unregister(session);
                await session.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Acts on the blocks and presences of a message from <paramref name="peer"/> (the node routes wantlists to its server).</summary>
    public async Task ReceiveAsync(PeerId peer, BitswapMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(message);
        if (IsBanned(peer) || (message.Blocks.Count == 0 && message.BlockPresences.Count == 0))
        {
            return;
        }

        var records = RecordsOf(peer);
        foreach (var received in message.Blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await AcceptBlockAsync(peer, records, received).ConfigureAwait(false))
            {
                return;
            }
        }

        foreach (var presence in message.BlockPresences)
        {
            var key = presence.Cid.ToV1();
            if (records.IsActive(key))
            {
                foreach (var session in SessionsWanting(key))
                {
                    session.OnPresence(peer, key, presence.Type);
                }
            }
        }
    }

    /// <summary>A Bitswap peer connected: fetches that use connected peers start asking it.</summary>
    public void PeerConnected(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.OnPeerConnected(peer);
        }
    }

    /// <summary>A Bitswap peer disconnected: its wants are forgotten and fetches re-ask other peers.</summary>
    public void PeerDisconnected(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ForgetPeer(peer);
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.OnPeerDisconnected(peer);
        }
    }

    /// <summary>True while <paramref name="peer"/> is banned for having sent a wrong block.</summary>
    public bool IsBanned(PeerId peer) => _bannedUntil.TryGetValue(peer, out var until) && until > Environment.TickCount64;

    /// <summary>Waits for wantlist messages being sent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _flushes.WhenAllAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stopping.Dispose();
        _meter.Dispose();
    }

    internal IBitswapNetwork Network => _network;

    internal void NotifyStored(Cid cid) => _blocksStored?.Invoke([cid]);

    private async Task<bool> AcceptBlockAsync(PeerId peer, PeerWantRecords records, BitswapBlock received)
    {
        if (!received.Prefix.CanVerify)
        {
            BitswapLog.UnverifiableBlock(_logger, peer.ToString(), received.Prefix.ToString());
            Ban(peer, $"it sent a block hashed with multihash 0x{received.Prefix.HashCode:x}, which was never asked for");
            return false;
        }

        var block = received.Prefix.ToBlock(received.Data);
        if (!records.Expects(block.Cid))
        {
            BitswapLog.WrongBlock(_logger, peer.ToString(), block.Cid.ToString());
            Ban(peer, $"it sent block {block.Cid}, which was not asked of it (corrupt or unsolicited)");
            return false;
        }

        records.Received(block.Cid);
        foreach (var session in SessionsWanting(block.Cid))
        {
            await session.OnBlockAsync(peer, block).ConfigureAwait(false);
        }

        return true;
    }

    private void Ban(PeerId peer, string reason)
    {
        var now = Environment.TickCount64;
        foreach (var expired in _bannedUntil.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
        {
            _bannedUntil.TryRemove(expired, out _);
        }

        _bannedUntil[peer] = now + (long)_options.MisbehavingPeerBan.TotalMilliseconds;
        _bans.Add(1);
        ForgetPeer(peer);
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.OnPeerBanned(peer, reason);
        }
    }

    private void ForgetPeer(PeerId peer)
    {
        _records.TryRemove(peer, out _);
        if (_outboxes.TryRemove(peer, out var outbox))
        {
            outbox.Clear();
        }
    }

    private PeerWantRecords RecordsOf(PeerId peer) =>
        _records.GetOrAdd(peer, static (_, options) => new PeerWantRecords(options.MaxCancelledWantsPerPeer, options.CancelledWantGrace), _options);

    private List<IWantSession> SessionsWanting(Cid key) => [.. Volatile.Read(ref _sessions).Where(session => session.Wants(key))];

    private void Register(IWantSession session)
    {
        lock (_sessionsGate)
        {
            _sessions = [.. _sessions, session];
        }
    }

    private void Unregister(IWantSession session)
    {
        lock (_sessionsGate)
        {
            _sessions = [.. _sessions.Where(existing => !ReferenceEquals(existing, session))];
        }
    }
}
