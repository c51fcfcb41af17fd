using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// A LiteDB file that survives a failed read or write — a full disk above all. LiteDB 5 closes its engine for good on
/// any I/O error: every later call rethrows that first exception, so a single ENOSPC would leave the store unusable
/// until the process restarts (the pin store did exactly that: no checkpoint was pinned again once space was back).
/// This wrapper drops the failed instance and opens the file again on the next call. The failed transaction is lost
/// and nothing else: LiteDB commits a transaction by writing its pages and then a confirming header page to its log
/// synchronously, and on open replays only confirmed transactions. A page the disk cut short is cut off the end of the
/// log or data file before reopening (it belongs to the failed write; LiteDB would refuse a file of partial pages).
/// Opening nothing until the first call, and one call at a time. Kept in this project because every component that
/// persists with LiteDB (pins here, the chain cursors and the node's stores) references it.
/// </summary>
public sealed class RecoverableLiteDatabase : IDisposable
{
    /// <summary>LiteDB's page size: its data and log files are whole pages.</summary>
    private const long PageSize = 8192;

    private readonly string _path;
    private readonly Action<LiteDatabase>? _prepare;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private LiteDatabase? _database;
    private Exception? _fault;
    private bool _disposed;

    /// <summary>
    /// Describes the file at <paramref name="path"/>; <paramref name="prepare"/> runs on every opened instance (indexes).
    /// Nothing is opened until the first <see cref="Use{T}"/>.
    /// </summary>
    public RecoverableLiteDatabase(string path, Action<LiteDatabase>? prepare = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        _prepare = prepare;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The database file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Runs <paramref name="operation"/> on the open database (opening it first if needed) and returns its result, which
    /// must not be a lazy query over the database. An I/O or LiteDB fault is rethrown unchanged after the instance is
    /// dropped; the next call opens the file again.
    /// </summary>
    public T Use<T>(Func<LiteDatabase, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var database = _database ?? Open();
            try
            {
                return operation(database);
            }
            catch (Exception exception) when (IsStorageFault(exception))
            {
                Drop(database, exception);
                throw;
            }
        }
    }

    /// <summary><see cref="Use{T}"/> for an operation without a result.</summary>
    public void Use(Action<LiteDatabase> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Use(database =>
        {
            operation(database);
            return true;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _database?.Dispose();
            _database = null;
        }
    }

    private static bool IsStorageFault(Exception exception) => exception is IOException or UnauthorizedAccessException or LiteException;

    private LiteDatabase Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        if (_fault is not null)
        {
            TrimPartialPage(_path);
            TrimPartialPage(LogFilePath());
        }

        var database = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct });
        try
        {
            _prepare?.Invoke(database);
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            Drop(database, exception);
            throw;
        }

        if (_fault is not null)
        {
            LiteDatabaseLog.Reopened(_logger, _path, _fault.Message);
            _fault = null;
        }

        _database = database;
        return database;
    }

    private void Drop(LiteDatabase database, Exception fault)
    {
        if (_fault is null)
        {
            LiteDatabaseLog.Failed(_logger, fault, _path);
        }

        _fault = fault;
        _database = null;
        try
        {
            // After an I/O fault LiteDB has already closed its engine and this only releases the instance; when it tries
            // a final checkpoint on a still-full disk, that failure is the same fault again.
            database.Dispose();
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            LiteDatabaseLog.CloseFailed(_logger, _path, exception.Message);
        }

        // A transaction whose commit the fault cut short is left armed to crash the process from the GC's finalizer
        // thread once it is unreachable; the instance is closed, so nothing is lost by disarming it.
        var abandoned = AbandonedLiteTransactions.Disarm(database);
        if (abandoned is null)
        {
            LiteDatabaseLog.TransactionsNotDisarmed(_logger, _path);
        }
        else if (abandoned > 0)
        {
            LiteDatabaseLog.TransactionsDisarmed(_logger, _path, abandoned.Value);
        }
    }

    private void TrimPartialPage(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists || info.Length % PageSize == 0)
        {
            return;
        }

        var whole = info.Length - (info.Length % PageSize);
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.SetLength(whole);
        }

        LiteDatabaseLog.PartialPageTrimmed(_logger, file, info.Length - whole);
    }

    /// <summary>LiteDB's write-ahead log beside the data file: <c>name-log.ext</c>.</summary>
    private string LogFilePath() =>
        Path.Combine(Path.GetDirectoryName(_path)!,
            Path.GetFileNameWithoutExtension(_path) + "-log" + Path.GetExtension(_path));
}
