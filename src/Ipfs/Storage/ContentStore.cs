using System.Diagnostics;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// The node's IPFS repository: a block store, pins (direct and recursive, named, in LiteDB), import sessions and garbage
/// collection. GC removes every block no pin reaches, except blocks held by open <see cref="ImportSession"/>s; pin changes
/// and GC exclude each other, so a root pinned during a collection is never half-collected. Write new content through a
/// session (<see cref="BeginSession"/>), pin its root, then dispose the session.
/// </summary>
public sealed class ContentStore : IDisposable
{
    private readonly IBlockStore _blocks;
    private readonly IDisposable? _ownedBlocks;
    private readonly PinStore _pins;
    private readonly RetentionRegistry _retention = new();
    private readonly SemaphoreSlim _pinLock = new(1, 1);
    private readonly ILogger _logger;
    private long _nextSessionId;
    private int _openSessions;

    /// <summary>Wraps <paramref name="blocks"/> (not disposed by this object) with pins stored per <paramref name="options"/>.</summary>
    public ContentStore(IBlockStore blocks, ContentStoreOptions options, ILogger<ContentStore>? logger = null)
        : this(blocks, null, options, logger)
    {
    }

    private ContentStore(IBlockStore blocks, IDisposable? ownedBlocks, ContentStoreOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _blocks = blocks;
        _ownedBlocks = ownedBlocks;
        _logger = logger ?? NullLogger.Instance;
        _pins = new PinStore(options.PinDatabasePath, _logger);
        Metrics = new ContentStoreMetrics(this);
    }

    /// <summary>The store's instruments (meter <see cref="ContentStoreMetrics.MeterName"/>).</summary>
    public ContentStoreMetrics Metrics { get; }

    /// <summary>The underlying blocks, for reading (Bitswap, gateway, exporter). Write through a session.</summary>
    public IBlockStore Blocks => _blocks;

    /// <summary>Import sessions currently open.</summary>
    public int OpenSessionCount => Volatile.Read(ref _openSessions);

    /// <summary>
    /// Opens a file-system block store at <paramref name="blockOptions"/>.RootPath with its pins in <c>pins.db</c> there;
    /// the returned store owns and disposes both.
    /// </summary>
    public static Task<ContentStore> OpenAsync(
        BlockStoreOptions blockOptions, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockOptions);
        return Task.Run(() => Open(blockOptions, loggers, cancellationToken), cancellationToken);
    }

    /// <summary><see cref="OpenAsync"/> on the calling thread (for a dependency-injection factory).</summary>
    public static ContentStore Open(BlockStoreOptions blockOptions, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockOptions);
        var blocks = FileSystemBlockStore.Open(blockOptions, loggers?.CreateLogger<FileSystemBlockStore>(), cancellationToken);
        try
        {
            var options = new ContentStoreOptions { PinDatabasePath = Path.Combine(blocks.RootPath, "pins.db") };
            return new ContentStore(blocks, blocks, options, loggers?.CreateLogger<ContentStore>());
        }
        catch
        {
            blocks.Dispose();
            throw;
        }
    }

    /// <summary>Starts a session whose blocks GC keeps until it is disposed.</summary>
    public ImportSession BeginSession()
    {
        var id = Interlocked.Increment(ref _nextSessionId);
        Interlocked.Increment(ref _openSessions);
        StorageLog.SessionOpened(_logger, id);
        return new ImportSession(this, _blocks, _retention, id);
    }

    /// <summary>
    /// Pins <paramref name="cid"/>. Recursive pins require the whole DAG to be stored (else <see cref="BlockNotFoundException"/>
    /// naming the first missing block, and nothing changes); a direct pin requires the block. A direct pin is upgraded by a
    /// recursive one; a direct request on a recursive pin returns the recursive pin unchanged. Returns the pin now stored.
    /// </summary>
    public async Task<Pin> PinAsync(Cid cid, PinType type = PinType.Recursive, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (type == PinType.Indirect)
        {
            throw new ArgumentException("Indirect pins are derived from recursive pins and cannot be added.", nameof(type));
        }

        if (name is { Length: > PinStore.MaxNameLength })
        {
            throw new ArgumentException($"A pin name may have at most {PinStore.MaxNameLength} characters.", nameof(name));
        }

        await _pinLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = _pins.Find(cid);
            if (existing is { Type: PinType.Recursive } && type == PinType.Direct)
            {
                return existing;
            }

            await RequirePresentAsync(cid, type, cancellationToken).ConfigureAwait(false);
            var pin = new Pin(cid.ToV1(), type, name ?? existing?.Name ?? string.Empty, existing?.Created ?? DateTimeOffset.UtcNow);
            _pins.Save(pin);
            StorageLog.Pinned(_logger, pin.Cid.ToString(), type, pin.Name);
            return pin;
        }
        finally
        {
            _pinLock.Release();
        }
    }

    /// <summary>Removes the direct or recursive pin of <paramref name="cid"/>; false when it had none.</summary>
    public async Task<bool> UnpinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        await _pinLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = _pins.Find(cid);
            if (existing is null || !_pins.Remove(cid))
            {
                return false;
            }

            StorageLog.Unpinned(_logger, existing.Cid.ToString(), existing.Type);
            return true;
        }
        finally
        {
            _pinLock.Release();
        }
    }

    /// <summary>The stored pin of <paramref name="cid"/>, or null.</summary>
    public Task<Pin?> GetPinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_pins.Find(cid));
    }

    /// <summary>Stored pins, optionally of one type (<see cref="PinType.Indirect"/> lists nothing: use <see cref="GetPinStateAsync"/>).</summary>
    public Task<IReadOnlyList<Pin>> ListPinsAsync(PinType? type = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_pins.List(type));
    }

    /// <summary>Direct, Recursive, Indirect (reached by a recursive pin; walks the pinned DAGs), or null when unpinned.</summary>
    public async Task<PinType?> GetPinStateAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (_pins.Find(cid) is { } pin)
        {
            return pin.Type;
        }

        foreach (var recursive in _pins.List(PinType.Recursive))
        {
            if (await DagReachability.ReachesAsync(_blocks, recursive.Cid, cid, cancellationToken).ConfigureAwait(false))
            {
                return PinType.Indirect;
            }
        }

        return null;
    }

    /// <summary>Deletes every block that no pin reaches and no open session holds.</summary>
    public async Task<GcResult> CollectGarbageAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await _pinLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var collector = new GarbageCollector(_blocks, _retention, _logger);
            var result = await collector.CollectAsync(_pins.List(null), cancellationToken).ConfigureAwait(false);
            result = result with { Duration = Stopwatch.GetElapsedTime(started) };
            StorageLog.Collected(_logger, result.RemovedBlocks, result.RemovedBytes, result.KeptBlocks, result.HeldBlocks,
                (long)result.Duration.TotalMilliseconds);
            return result;
        }
        finally
        {
            _pinLock.Release();
        }
    }

    /// <summary>Closes the pin database (and the block store when opened by <see cref="OpenAsync"/>).</summary>
    public void Dispose()
    {
        Metrics.Dispose();
        _pins.Dispose();
        _pinLock.Dispose();
        _ownedBlocks?.Dispose();
    }

    internal void SessionClosed(ImportSession session, int heldBlocks)
    {
        Interlocked.Decrement(ref _openSessions);
        StorageLog.SessionClosed(_logger, session.Id, heldBlocks);
    }

    private async Task RequirePresentAsync(Cid cid, PinType type, CancellationToken cancellationToken)
    {
        if (type == PinType.Recursive)
        {
            await DagReachability.RequireCompleteAsync(_blocks, cid, cancellationToken).ConfigureAwait(false);
        }
        else if (!await _blocks.HasAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            throw new BlockNotFoundException(cid);
        }
    }
}
