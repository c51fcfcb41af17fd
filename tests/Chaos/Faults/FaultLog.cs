using System.Collections.Concurrent;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>
/// Every fault a scenario injected, in order. The checker reads from it when each node could have learned what the
/// chain said: not while it was frozen, dead or cut off from the RPC.
/// </summary>
public sealed class FaultLog
{
    /// <summary>The name faults of the chain itself are recorded under.</summary>
    public const string Chain = "chain";

    private readonly ConcurrentQueue<FaultRecord> _records = new();

    /// <summary>The faults so far, oldest first.</summary>
    public IReadOnlyList<FaultRecord> Records => [.. _records];

    /// <summary>Records <paramref name="kind"/> on <paramref name="node"/> now.</summary>
    public FaultRecord Add(string node, FaultKind kind)
    {
        var record = new FaultRecord(DateTimeOffset.UtcNow, node.ToLowerInvariant(), kind);
        _records.Enqueue(record);
        return record;
    }

    /// <summary>The first fault of <paramref name="kind"/>, if any.</summary>
    public FaultRecord? First(FaultKind kind) => _records.FirstOrDefault(record => record.Kind == kind);

    /// <summary>
    /// The first moment at or after <paramref name="time"/> when <paramref name="node"/> was running and reached the
    /// chain (null: it never did again); a node with no fault at all is reachable at once.
    /// </summary>
    public DateTimeOffset? FirstAwake(string node, DateTimeOffset time)
    {
        var records = _records.Where(record => record.Node == node.ToLowerInvariant()).ToArray();
        var blind = false;
        foreach (var record in records.Where(record => record.Time <= time))
        {
            blind = IsBlinding(record.Kind) || (blind && !IsWaking(record.Kind));
        }

        return blind ? records.FirstOrDefault(record => record.Time > time && IsWaking(record.Kind))?.Time : time;
    }

    private static bool IsBlinding(FaultKind kind) => kind is FaultKind.Killed or FaultKind.DaemonKilled or FaultKind.Frozen or FaultKind.RpcCut;

    private static bool IsWaking(FaultKind kind) => kind is FaultKind.Started or FaultKind.Thawed or FaultKind.RpcRestored;
}
