using System.Threading.Tasks.Sources;

namespace DePinGpu.Libp2p.Threading;

/// <summary>
/// A reusable completion for one queued write at a time: the writer awaits it, the task that flushes the
/// queue completes it. Reusing one per stream keeps the data path free of per-frame allocations.
/// </summary>
internal sealed class WriteCompletion : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Prepares for the next write; call before queuing it.</summary>
    public void Reset() => _core.Reset();

    /// <summary>The awaitable for the current write.</summary>
    public ValueTask Task => new(this, _core.Version);

    public void SetSucceeded() => _core.SetResult(true);

    public void SetFailed(Exception exception) => _core.SetException(exception);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
