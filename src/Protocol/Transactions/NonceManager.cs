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

    /// <summary>Takes the key's send lock; dispose the lease to release it.</summary>
    public async Task<Lease> AcquireAsync(Func<CancellationToken, Task<ulong>> readPendingCount, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _next ??= await readPendingCount(cancellationToken).ConfigureAwait(false);
            return new Lease(this, _next.Value);
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

    /// <summary>The send lock of one key, with the nonce to use.</summary>
    internal sealed class Lease : IDisposable
    {
        private readonly NonceManager _owner;
        private bool _released;

        public Lease(NonceManager owner, ulong nonce)
        {
            _owner = owner;
            Nonce = nonce;
        }

        /// <summary>The nonce this sender may use.</summary>
        public ulong Nonce { get; private set; }

        /// <summary>The node accepted a transaction with <see cref="Nonce"/>: the next sender gets the next one.</summary>
        public void MarkUsed() => _owner._next = Nonce + 1;

        /// <summary>The state of the key is unknown (someone else may use it): re-read the count on the next send.</summary>
        public void Forget() => _owner._next = null;

        /// <summary>Moves to another nonce while holding the lock (after the node said ours was taken).</summary>
        public void Use(ulong nonce) => Nonce = nonce;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                _owner._lock.Release();
            }
        }
    }
}
