using System.Collections;
using System.Reflection;
using LiteDB;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// Keeps a failed LiteDB instance from killing the process later. LiteDB 5.0.21 closes its engine on an I/O fault and
/// disposes the open transactions; when the fault hit a commit, that dispose itself fails ("discarded page must be
/// writable": the page was already moved to the readable cache), the transaction stays active and its finalizer stays
/// armed. When the transaction becomes unreachable (its thread ends, the instance is dropped), the finalizer runs the
/// same dispose on the GC's thread, throws again and terminates the process (LiteDB issues #2615 and #2828; fixed only in
/// the 6.0 line). The engine is closed by then, so the finalizer has nothing left to release: suppressing it is safe.
/// LiteDB exposes no way to reach its transactions, so this follows its private fields of the pinned version; a test
/// fails if an upgrade moves them.
/// </summary>
internal static class AbandonedLiteTransactions
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>
    /// Suppresses the finalizers of the transactions <paramref name="database"/>'s closed engine still holds and returns
    /// how many there were; null when this LiteDB's internals are not the ones this was written for.
    /// </summary>
    public static int? Disarm(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var engine = typeof(LiteDatabase).GetField("_engine", Instance)?.GetValue(database);
        var monitor = engine?.GetType().GetField("_monitor", Instance)?.GetValue(engine);
        if (monitor?.GetType().GetProperty("Transactions", Instance)?.GetValue(monitor) is not IEnumerable transactions)
        {
            return engine is not null && monitor is null && IsMonitorField(engine) ? 0 : null;
        }

        var count = 0;
        foreach (var transaction in transactions.Cast<object>().ToList())
        {
            GC.SuppressFinalize(transaction);
            count++;
        }

        return count;
    }

    /// <summary>An engine that failed while opening has no monitor yet: nothing to disarm, and not a changed LiteDB.</summary>
    private static bool IsMonitorField(object engine) => engine.GetType().GetField("_monitor", Instance) is not null;
}
