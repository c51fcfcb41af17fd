namespace DePinGpu.Protocol.Transactions;

/// <summary>
/// The send lock of one key, held while a transaction is signed and handed to the node, with the nonce to use.
/// Disposing it lets the next sender of the key go.
/// </summary>
internal sealed class NonceLock : IDisposable
{
    private readonly NonceManager _owner;
    private bool _released;

    public NonceLock(NonceManager owner, ulong nonce)
    {
        _owner = owner;
        Nonce = nonce;
    }

    /// <summary>The nonce this sender may use.</summary>
    public ulong Nonce { get; private set; }

    /// <summary>The node accepted a transaction with <see cref="Nonce"/>: the next sender gets the next one.</summary>
    public void MarkUsed() => _owner.SetNext(Nonce + 1);

    /// <summary>The state of the key is unknown (someone else may use it): re-read the count on the next send.</summary>
    public void Forget() => _owner.SetNext(null);

    /// <summary>Moves to another nonce while holding the lock (after the node said ours was taken).</summary>
    public void Use(ulong nonce) => Nonce = nonce;

    public void Dispose()
    {
        if (!_released)
        {
            _released = true;
            _owner.Release();
        }
    }
}
