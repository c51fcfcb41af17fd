using System.Net;
using System.Threading.RateLimiting;
using DePinGpu.ProviderNode.Api;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class NodeApiRateLimiterTests
{
    private static readonly RateLimitingOptions Limits = new()
    {
        RequestsPerSecondPerClient = 2,
        RequestBurstPerClient = 3,
        UploadsPerMinutePerClient = 6,
        UploadBurstPerClient = 2,
        MaxConcurrentUploads = 1,
    };

    private readonly SteppedTime _time = new();

    [Fact]
    public void Requests_BeyondTheBurst_AreRefusedWithRetryAfter_UntilTheBucketRefills()
    {
        using var limiter = new NodeApiRateLimiter(Limits, _time);

        for (var request = 0; request < 3; request++)
        {
            Assert.True(limiter.AttemptAcquire(Request("203.0.113.7")).IsAcquired);
        }

        using var refused = limiter.AttemptAcquire(Request("203.0.113.7"));
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);
        Assert.True(limiter.AttemptAcquire(Request("198.51.100.1")).IsAcquired);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(limiter.AttemptAcquire(Request("203.0.113.7")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Request("203.0.113.7")).IsAcquired);
    }

    [Fact]
    public void Uploads_CountAsRequestsToo_AndWaitForTheirOwnRate()
    {
        using var limiter = new NodeApiRateLimiter(Limits with { MaxConcurrentUploads = 10 }, _time);

        Assert.True(limiter.AttemptAcquire(Upload("203.0.113.7")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Upload("203.0.113.7")).IsAcquired);
        using var third = limiter.AttemptAcquire(Upload("203.0.113.7"));

        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.False(limiter.AttemptAcquire(Request("203.0.113.7")).IsAcquired);
    }

    [Fact]
    public void ConcurrentUploads_AreCappedForAllClients_UntilOneEnds()
    {
        using var limiter = new NodeApiRateLimiter(Limits, _time);
        var first = limiter.AttemptAcquire(Upload("203.0.113.7"));

        using var second = limiter.AttemptAcquire(Upload("198.51.100.1"));
        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.False(second.TryGetMetadata(MetadataName.RetryAfter, out _));

        first.Dispose();
        first.Dispose();
        Assert.True(limiter.AttemptAcquire(Upload("198.51.100.1")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Upload("192.0.2.1")).IsAcquired);
    }

    [Fact]
    public void RoutesOutsideTheLimits_AreNeverRefused_AndLeaveNoState()
    {
        using var limiter = new NodeApiRateLimiter(Limits, _time);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");

        for (var request = 0; request < 100; request++)
        {
            Assert.True(limiter.AttemptAcquire(context).IsAcquired);
        }

        Assert.Equal(0, limiter.TrackedClients);
    }

    [Fact]
    public void AClientWhoseBucketsRefilled_IsForgotten_AndStartsAgainWithFullBuckets()
    {
        using var limiter = new NodeApiRateLimiter(Limits, _time);
        Assert.True(limiter.AttemptAcquire(Upload("203.0.113.7")).IsAcquired);
        Assert.Equal(1, limiter.TrackedClients);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(limiter.AttemptAcquire(Request("198.51.100.1")).IsAcquired);

        Assert.Equal(1, limiter.TrackedClients);
    }

    private static DefaultHttpContext Request(string client) => Context(client, RateLimitedRoute.Request);

    private static DefaultHttpContext Upload(string client) => Context(client, RateLimitedRoute.Upload);

    private static DefaultHttpContext Context(string client, RateLimitedRoute route)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(route), "test"));
        return context;
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
