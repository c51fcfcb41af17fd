using System.Collections.Concurrent;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>
/// The node's drain state, shared by the admin route that asks for a drain, the bidding that stops, and the
/// <see cref="DrainService"/> that carries it out. Asking twice is one drain (the second ask returns the same report).
/// </summary>
public sealed class DrainCoordinator
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finalReportRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, DrainLeaseProgress> _leases = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentQueue<DrainLeaseProgress> _history = new();
    private volatile bool _finished;

    /// <summary>True from the moment a drain is asked for: the node places no more offers.</summary>
    public bool IsDraining => _requested.Task.IsCompleted;

    /// <summary>Completes when a drain is asked for.</summary>
    public Task Requested => _requested.Task;

    /// <summary>Completes when a client has read the report of the finished drain.</summary>
    public Task FinalReportRead => _finalReportRead.Task;

    /// <summary>Asks for a drain; false when one was already asked for.</summary>
    public bool Request() => _requested.TrySetResult();

    /// <summary>Records a lease's progress.</summary>
    public void Update(DrainLeaseProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _history.Enqueue(progress);
        if (_leases.TryAdd(progress.LeaseId, progress))
        {
            _order.Enqueue(progress.LeaseId);
            return;
        }

        _leases[progress.LeaseId] = progress;
    }

    /// <summary>Marks the drain finished (every lease handled).</summary>
    public void Finish() => _finished = true;

    /// <summary>The report now; reading a finished drain's report lets the daemon exit.</summary>
    public DrainReport Report()
    {
        var state = !IsDraining ? DrainState.Idle : _finished ? DrainState.Finished : DrainState.Draining;
        var leases = _order.Select(id => _leases[id]).ToArray();
        if (state == DrainState.Finished)
        {
            _finalReportRead.TrySetResult();
        }

        return new DrainReport(state, leases, [.. _history]);
    }
}
