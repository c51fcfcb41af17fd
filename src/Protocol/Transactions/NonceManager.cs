using System.Collections.Concurrent;

namespace DePinGpu.Protocol.Transactions;

/// <summary>
/// Hands out the nonces of one key, one sender at a time. A key's manager is shared process-wide (per chain
/// and address) so that every component sending from a key (heartbeats, offers, commits) is serialised.
/// </summary>
internal sealed class NonceManager
{
    private static readonly ConcurrentDictionary<string, NonceManager> Managers = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ulong? _next;

    private NonceManager()
    {
    }

    /// <summary>The manager of <paramref name="address"/> on the chain behind <paramref name="endpoint"/>.</summary>
    public static NonceManager For(Uri endpoint, ulong chainId, string address) =>
        Managers.GetOrAdd($"{endpoint}|{chainId}|{address}", _ => new NonceManager());

    /// <summary>Takes the key's send lock; dispose the lock to release it.</summary>
    public async Task<NonceLock> AcquireAsync(Func<CancellationToken, Task<ulong>> readPendingCount, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _next ??= await readPendingCount(cancellationToken).ConfigureAwait(false);
            return new NonceLock(this, _next.Value);
        }
        catch
        {
            _lock.Release();
            throw;
        }
    }

    /// <summary>
    /// Drops the cached next nonce so that the next sender reads the node's pending count: after a receipt never came
    /// (the node may have dropped our transaction, e.g. in a reorg or a restart) a cached nonce would leave a gap that
    /// no later transaction of this key could get past.
    /// </summary>
    public void Reset() => _next = null;

    /// <summary>Gives the key's send lock back (called once by <see cref="NonceLock.Dispose"/>).</summary>
    internal void Release() => _lock.Release();

    /// <summary>Sets the next nonce to hand out; null makes the next holder read it from the node.</summary>
    internal void SetNext(ulong? next) => _next = next;
}
