namespace DePinGpu.Ipfs.Gateway;

/// <summary>Thread-safe counters and recovered failures of one DAG fetch, with the download limit.</summary>
internal sealed class GatewayFetchTally
{
    private readonly long _maxBytes;
    private readonly List<GatewayFailure> _failures = [];
    private long _fetched;
    private long _present;
    private long _bytes;

    public GatewayFetchTally(long maxBytes)
    {
        _maxBytes = maxBytes;
    }

    public long Fetched => Interlocked.Read(ref _fetched);

    public long Present => Interlocked.Read(ref _present);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Counts a downloaded block; throws once the fetch has downloaded more than its limit.</summary>
    public void AddFetched(int length)
    {
        Interlocked.Increment(ref _fetched);
        if (Interlocked.Add(ref _bytes, length) > _maxBytes)
        {
            throw new InvalidDataException($"The fetch downloaded more than its limit of {_maxBytes} bytes (MaxFetchBytes); the DAG is larger than allowed.");
        }
    }

    public void AddPresent() => Interlocked.Increment(ref _present);

    public void RemovePresent() => Interlocked.Decrement(ref _present);

    public void AddFailures(IEnumerable<GatewayFailure> failures)
    {
        lock (_failures)
        {
            // Bounded: a long fetch over flaky gateways keeps the first failures, which explain the pattern.
            _failures.AddRange(failures.Take(Math.Max(0, 1000 - _failures.Count)));
        }
    }

    public IReadOnlyList<GatewayFailure> Failures()
    {
        lock (_failures)
        {
            return [.. _failures];
        }
    }
}
