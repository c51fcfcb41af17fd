using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The API's three limits in one limiter without a timer: a client's request rate, then (uploads) its upload rate, then
/// the node's concurrent uploads; nothing is queued (a flood is refused at once rather than held in memory). The
/// framework's partitioned limiters each ran a 100 ms timer whether or not anyone called the API (three of them: 30
/// wake-ups a second of an idle daemon); these token buckets are refilled from the clock when a request comes instead.
/// A client whose buckets have filled up again is forgotten (exactly: a full bucket is what a new client gets), so
/// memory is bounded by the clients of the last few seconds.
/// </summary>
internal sealed class NodeApiRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);
    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ClientBuckets> _clients = new(StringComparer.Ordinal);
    private long _lastSweep;
    private int _uploadsInProgress;

    /// <summary>Creates the limiter; <paramref name="time"/> is for tests.</summary>
    public NodeApiRateLimiter(RateLimitingOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _lastSweep = _time.GetTimestamp();
    }

    /// <summary>Clients with state kept now (those that used part of a bucket recently).</summary>
    public int TrackedClients
    {
        get
        {
            lock (_clients)
            {
                return _clients.Count;
            }
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (RateLimitingPartitions.RouteOf(resource) is not { } route)
        {
            return Lease.Admitted;
        }

        var client = RateLimitingPartitions.ClientOf(resource);
        var now = _time.GetTimestamp();
        lock (_clients)
        {
            Sweep(now);
            if (!_clients.TryGetValue(client, out var buckets))
            {
                buckets = new ClientBuckets(
                    new TokenBucket(_options.RequestBurstPerClient, _options.RequestsPerSecondPerClient, now),
                    new TokenBucket(_options.UploadBurstPerClient, _options.UploadsPerMinutePerClient / 60.0, now));
                _clients[client] = buckets;
            }

            // As the chained limiters did: a token taken by an earlier limit stays taken when a later one refuses.
            if (!buckets.Requests.TryTake(now, _time, out var wait) || (route.IsUpload && !buckets.Uploads.TryTake(now, _time, out wait)))
            {
                return Lease.Refused(wait);
            }

            if (!route.IsUpload)
            {
                return Lease.Admitted;
            }

            if (_uploadsInProgress >= _options.MaxConcurrentUploads)
            {
                return Lease.Refused(null);
            }

            _uploadsInProgress++;
            return new UploadLease(this);
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private void UploadEnded()
    {
        lock (_clients)
        {
            _uploadsInProgress--;
        }
    }

    private void Sweep(long now)
    {
        if (_time.GetElapsedTime(_lastSweep, now) < SweepInterval)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (client, buckets) in _clients)
        {
            if (buckets.Requests.IsFull(now, _time) && buckets.Uploads.IsFull(now, _time))
            {
                _clients.Remove(client);
            }
        }
    }

    private sealed record ClientBuckets(TokenBucket Requests, TokenBucket Uploads);

    /// <summary>Up to <paramref name="capacity"/> tokens, refilled at <paramref name="perSecond"/> from the clock when read.</summary>
    private sealed class TokenBucket(int capacity, double perSecond, long now)
    {
        private double _tokens = capacity;
        private long _refilled = now;

        public bool TryTake(long now, TimeProvider time, out TimeSpan? wait)
        {
            Refill(now, time);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = null;
                return true;
            }

            wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            return false;
        }

        public bool IsFull(long now, TimeProvider time)
        {
            Refill(now, time);
            return _tokens >= capacity;
        }

        private void Refill(long now, TimeProvider time)
        {
            _tokens = Math.Min(capacity, _tokens + (time.GetElapsedTime(_refilled, now).TotalSeconds * perSecond));
            _refilled = now;
        }
    }

    private class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Admitted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan? retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }

    private sealed class UploadLease(NodeApiRateLimiter limiter) : Lease(true, null)
    {
        private int _disposed;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.UploadEnded();
            }

            base.Dispose(disposing);
        }
    }
}
