namespace DePinGpu.Libp2p.Hosting;

/// <summary>A slot for one inbound handshake, held from accept until the handshake ends; disposing it frees the slot once.</summary>
internal sealed class PendingHandshake : IDisposable
{
    private readonly PendingHandshakeLimiter _limiter;
    private int _released;

    internal PendingHandshake(PendingHandshakeLimiter limiter, SourcePrefix source, SourcePrefix subnet)
    {
        _limiter = limiter;
        Source = source;
        Subnet = subnet;
    }

    /// <summary>The source the slot is counted against.</summary>
    public SourcePrefix Source { get; }

    /// <summary>The subnet the slot is counted against.</summary>
    public SourcePrefix Subnet { get; }

    /// <summary>Frees the slot; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _limiter.Release(this);
        }
    }
}
