namespace DePinGpu.ProviderNode.Heartbeat;

/// <summary>What the heartbeat loop knows, for status and for the leases' on-chain-loss policy.</summary>
public sealed class HeartbeatState
{
    private long _lastSentTicks;
    private long _lastMinedUnixSeconds;
    private long _failures;

    /// <summary>When the last heartbeat was handed to the node (UTC); default before the first.</summary>
    public DateTimeOffset LastSent => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);

    /// <summary>The provider's last heartbeat recorded on-chain, as last read.</summary>
    public DateTimeOffset LastMined => DateTimeOffset.FromUnixTimeSeconds(Interlocked.Read(ref _lastMinedUnixSeconds));

    /// <summary>Rounds that could not reach the chain since the last success.</summary>
    public long ConsecutiveFailures => Interlocked.Read(ref _failures);

    /// <summary>Records a heartbeat handed to the node.</summary>
    public void Sent(DateTimeOffset at, DateTimeOffset lastMined)
    {
        Interlocked.Exchange(ref _lastSentTicks, at.UtcTicks);
        Interlocked.Exchange(ref _lastMinedUnixSeconds, lastMined.ToUnixTimeSeconds());
        Interlocked.Exchange(ref _failures, 0);
    }

    /// <summary>Records a round that could not reach the chain.</summary>
    public void Failed() => Interlocked.Increment(ref _failures);
}
