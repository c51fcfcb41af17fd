namespace DePinGpu.Protocol.Events;

/// <summary>
/// The chain's head as the event stream last polled it, shared with whoever needs to know whether the chain answers
/// without polling it again (the provider node's connectivity monitor wakes on <see cref="NextFlip"/> instead of
/// probing the chain on a short timer). One head poll per interval serves both.
/// </summary>
public sealed class ChainHead
{
    private readonly object _gate = new();
    private bool? _reachable;
    private ulong? _number;
    private TaskCompletionSource _flip = NewSignal();

    /// <summary>True when the last poll reached the chain, false when it failed, null before the first poll.</summary>
    public bool? IsReachable
    {
        get
        {
            lock (_gate)
            {
                return _reachable;
            }
        }
    }

    /// <summary>The head's number as last read; null before the first successful poll.</summary>
    public ulong? Number
    {
        get
        {
            lock (_gate)
            {
                return _number;
            }
        }
    }

    /// <summary>Records a poll that read the head <paramref name="number"/>.</summary>
    public void Reached(ulong number)
    {
        lock (_gate)
        {
            _number = number;
        }

        Set(true);
    }

    /// <summary>Records a poll that could not reach the chain.</summary>
    public void Unreachable() => Set(false);

    /// <summary>
    /// Completes when the polls' outcome next flips (the chain stops answering, or answers again); not on every poll,
    /// so a waiter wakes only when there is something new to look at. One task shared by every waiter (await it with
    /// <c>Task.WhenAny</c> beside your own timer or cancellation: nothing is registered per wait).
    /// </summary>
    public Task NextFlip
    {
        get
        {
            lock (_gate)
            {
                return _flip.Task;
            }
        }
    }

    private void Set(bool reachable)
    {
        TaskCompletionSource? flipped = null;
        lock (_gate)
        {
            if (_reachable != reachable)
            {
                _reachable = reachable;
                flipped = _flip;
                _flip = NewSignal();
            }
        }

        flipped?.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
