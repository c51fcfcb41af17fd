namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// Which blocks open import sessions hold, so garbage collection never removes them. A session registers a block
/// before it writes it; GC marks a block as being deleted under the same lock. A hold that arrives while its block is
/// being deleted waits for the deletion to finish, after which the session's put rewrites the block.
/// </summary>
internal sealed class RetentionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<BlockKey, int> _holds = [];
    private readonly Dictionary<BlockKey, TaskCompletionSource> _deleting = [];

    /// <summary>Number of distinct blocks held.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _holds.Count;
            }
        }
    }

    /// <summary>Adds one hold; the returned task completes when no deletion of the block is in progress.</summary>
    public Task HoldAsync(BlockKey key)
    {
        lock (_gate)
        {
            _holds[key] = _holds.TryGetValue(key, out var count) ? count + 1 : 1;
            return _deleting.TryGetValue(key, out var deletion) ? deletion.Task : Task.CompletedTask;
        }
    }

    /// <summary>Completes when no deletion of the block is in progress.</summary>
    public Task PendingDeletion(BlockKey key)
    {
        lock (_gate)
        {
            return _deleting.TryGetValue(key, out var deletion) ? deletion.Task : Task.CompletedTask;
        }
    }

    /// <summary>Removes one hold per key.</summary>
    public void Release(IEnumerable<BlockKey> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_holds.TryGetValue(key, out var count))
                {
                    if (count <= 1)
                    {
                        _holds.Remove(key);
                    }
                    else
                    {
                        _holds[key] = count - 1;
                    }
                }
            }
        }
    }

    /// <summary>Claims a block for deletion; false when a session holds it (then it must not be deleted).</summary>
    public bool TryBeginDelete(BlockKey key)
    {
        lock (_gate)
        {
            if (_holds.ContainsKey(key) || _deleting.ContainsKey(key))
            {
                return false;
            }

            _deleting[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Ends a deletion begun with <see cref="TryBeginDelete"/>, releasing sessions waiting to hold the block.</summary>
    public void EndDelete(BlockKey key)
    {
        TaskCompletionSource? deletion;
        lock (_gate)
        {
            _deleting.Remove(key, out deletion);
        }

        deletion?.TrySetResult();
    }
}
