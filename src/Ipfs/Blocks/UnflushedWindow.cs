using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// Tracks, for <see cref="FsyncPolicy.Batched"/>, the window in which blocks were written but not yet flushed. The start of
/// the window is persisted (and made durable) in a marker file before the first such write; a flush that saw no write
/// begin meanwhile deletes it. A marker found on open means the last run ended inside a window: recovery re-hashes every
/// block written since its timestamp.
/// </summary>
internal sealed class UnflushedWindow
{
    /// <summary>File-system timestamps can lag the wall clock a little; scrub from slightly before the marker.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly string _markerPath;
    private readonly SafeFileHandle _syncHandle;
    private bool _open;
    private int _writesInFlight;
    private DateTime _lastWriteBegan = DateTime.MinValue;

    public UnflushedWindow(string markerPath, SafeFileHandle syncHandle)
    {
        _markerPath = markerPath;
        _syncHandle = syncHandle;
    }

    /// <summary>The window start recorded by a previous run, or null when it closed cleanly.</summary>
    public static DateTime? ReadLeftover(string markerPath)
    {
        if (!File.Exists(markerPath))
        {
            return null;
        }

        var text = File.ReadAllText(markerPath).Trim();
        // An unreadable marker (torn by the crash itself) means "unknown start": scrub everything.
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
            ? start.ToUniversalTime()
            : DateTime.MinValue;
    }

    /// <summary>Called before a block write: opens the window durably if needed.</summary>
    public void BeginWrite()
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (!_open)
            {
                WriteMarker(now);
                _open = true;
            }

            _writesInFlight++;
            _lastWriteBegan = now;
        }
    }

    /// <summary>Called after a block write finished (or failed).</summary>
    public void EndWrite()
    {
        lock (_gate)
        {
            _writesInFlight--;
        }
    }

    /// <summary>Flushes the file system; closes the window when no write raced with the flush.</summary>
    public void Flush()
    {
        DateTime flushStarted;
        bool writesWereInFlight;
        lock (_gate)
        {
            if (!_open)
            {
                return;
            }

            flushStarted = DateTime.UtcNow;
            writesWereInFlight = _writesInFlight > 0;
        }

        NativeFileSystem.SyncFileSystem(_syncHandle);
        lock (_gate)
        {
            // A write in flight when the flush began, or begun since, may not be covered: keep the window open.
            if (!writesWereInFlight && _lastWriteBegan < flushStarted)
            {
                File.Delete(_markerPath);
                _open = false;
            }
        }
    }

    private void WriteMarker(DateTime start)
    {
        var temporary = _markerPath + ".new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var writer = new StreamWriter(stream);
            writer.Write(start.ToString("O", CultureInfo.InvariantCulture));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _markerPath, overwrite: true);
        // Only the marker and its directory entry need to be durable before the first block is written: fsync those
        // rather than the whole file system, whose other dirty data (other programs') could take seconds to write.
        NativeFileSystem.FsyncDirectory(Path.GetDirectoryName(_markerPath)!);
    }
}
