namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>A token bucket refilled continuously from timestamps (no timers).</summary>
internal sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, double capacity, long now)
    {
        _ratePerSecond = ratePerSecond;
        _capacity = capacity;
        _tokens = capacity;
        _last = now;
    }

    public bool TryTake(double amount, long now, long frequency)
    {
        var elapsedSeconds = (now - _last) / (double)frequency;
        _last = now;
        _tokens = Math.Min(_capacity, _tokens + (elapsedSeconds * _ratePerSecond));
        if (_tokens < amount)
        {
            return false;
        }

        _tokens -= amount;
        return true;
    }
}
