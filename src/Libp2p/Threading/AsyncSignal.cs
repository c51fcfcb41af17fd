using System.Threading.Tasks.Sources;

namespace DePinGpu.Libp2p.Threading;

/// <summary>
/// An auto-reset signal with one waiter at a time, reusable without allocating per wait (the data path waits
/// on it for every frame). A <see cref="Set"/> with nobody waiting is remembered for the next wait.
/// Continuations run on the thread pool, so the setter (a connection's read loop) is never blocked by them.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private bool _signaled;
    private bool _waiting;

    /// <summary>Completes when the signal is set (immediately if it already is), consuming it.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        short version;
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return ValueTask.CompletedTask;
            }

            if (_waiting)
            {
                throw new InvalidOperationException("Only one caller may wait on this signal at a time (concurrent reads or writes on one stream?).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _core.Reset();
            _waiting = true;
            version = _core.Version;
        }

        return cancellationToken.CanBeCanceled ? WaitCancellableAsync(version, cancellationToken) : new ValueTask(this, version);
    }

    /// <summary>Wakes the waiter, or remembers the signal if nobody waits.</summary>
    public void Set()
    {
        lock (_gate)
        {
            if (_waiting)
            {
                _waiting = false;
                _core.SetResult(true);
            }
            else
            {
                _signaled = true;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private async ValueTask WaitCancellableAsync(short version, CancellationToken cancellationToken)
    {
        await using (cancellationToken.UnsafeRegister(static (state, token) => ((AsyncSignal)state!).Cancel(token), this))
        {
            await new ValueTask(this, version).ConfigureAwait(false);
        }
    }

    private void Cancel(CancellationToken token)
    {
        lock (_gate)
        {
            if (_waiting)
            {
                _waiting = false;
                _core.SetException(new OperationCanceledException(token));
            }
        }
    }
}
