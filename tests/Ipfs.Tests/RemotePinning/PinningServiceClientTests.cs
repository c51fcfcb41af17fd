using System.Net;
using DePinGpu.Ipfs.RemotePinning;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.RemotePinning;

/// <summary>The Pinning Service API client against <see cref="PinningServiceStandIn"/>.</summary>
public sealed class PinningServiceClientTests : IAsyncLifetime
{
    private static readonly Cid Hello = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    private static readonly Cid Directory = Cid.Parse("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me");
    private PinningServiceStandIn _service = null!;
    private PinningServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await PinningServiceStandIn.StartAsync();
        _client = NewClient(PinningServiceStandIn.Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Add_SendsThePinWithBearerAuthAndReturnsTheQueuedStatus()
    {
        var pin = new RemotePin(Directory, "checkpoint-7", ["/ip4/198.51.100.2/tcp/4001/p2p/12D3KooWGC6TvWhfapngX6wvJHMYvKpDMXPb3ZnCZ6dMoaMtimQ5"],
            new Dictionary<string, string> { ["lease"] = "42" });

        var status = await _client.AddAsync(pin);

        Assert.Equal(RemotePinState.Queued, status.Status);
        Assert.Equal(Directory, status.Pin.Cid);
        Assert.Equal("checkpoint-7", status.Pin.Name);
        Assert.Equal(pin.Origins, status.Pin.Origins);
        Assert.Equal("42", status.Pin.Meta["lease"]);
        Assert.Single(status.Delegates);
        Assert.Equal(["Bearer " + PinningServiceStandIn.Token], _service.Authorizations);
    }

    [Fact]
    public async Task PinAsync_PollsUntilPinned()
    {
        var status = await _client.PinAsync(new RemotePin(Hello), TimeSpan.FromSeconds(10));

        Assert.Equal(RemotePinState.Pinned, status.Status);
        Assert.Equal(3, _service.Authorizations.Count); // POST, then queued → pinning, pinning → pinned
    }

    [Fact]
    public async Task PinAsync_ServiceFails_ReturnsTheFailedStatusWithInfo()
    {
        _service.FailingCids.Add(Hello.ToString());

        var status = await _client.PinAsync(new RemotePin(Hello), TimeSpan.FromSeconds(10));

        Assert.Equal(RemotePinState.Failed, status.Status);
        Assert.Contains("no provider", status.Info["status_details"]);
    }

    [Fact]
    public async Task WaitAsync_TransientErrorsWhilePolling_AreRetried()
    {
        var queued = await _client.AddAsync(new RemotePin(Hello));
        _service.FailNextPolls(2);

        var status = await _client.WaitAsync(queued.RequestId, TimeSpan.FromSeconds(10));

        Assert.Equal(RemotePinState.Pinned, status.Status);
    }

    [Fact]
    public async Task WaitAsync_NotDoneInTime_ThrowsTimeoutNamingTheRequest()
    {
        var queued = await _client.AddAsync(new RemotePin(Hello));
        _service.FailNextPolls(1000);

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => _client.WaitAsync(queued.RequestId, TimeSpan.FromMilliseconds(300)));

        Assert.Contains(queued.RequestId, exception.Message);
    }

    [Fact]
    public async Task GetReplaceRemove_RoundTrip()
    {
        var first = await _client.AddAsync(new RemotePin(Hello, "v1"));

        var fetched = await _client.GetAsync(first.RequestId);
        var replaced = await _client.ReplaceAsync(first.RequestId, new RemotePin(Directory, "v2"));
        await _client.RemoveAsync(replaced.RequestId);

        Assert.Equal(first.RequestId, fetched.RequestId);
        Assert.Equal(Directory, replaced.Pin.Cid);
        Assert.NotEqual(first.RequestId, replaced.RequestId);
        var gone = await Assert.ThrowsAsync<PinningServiceException>(() => _client.GetAsync(replaced.RequestId));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("NOT_FOUND", gone.Reason);
    }

    [Fact]
    public async Task List_FiltersByStatusCidNameAndMeta()
    {
        var pinned = await _client.PinAsync(new RemotePin(Hello, "Checkpoint-A", meta: new Dictionary<string, string> { ["lease"] = "1" }), TimeSpan.FromSeconds(10));
        await _client.AddAsync(new RemotePin(Directory, "other", meta: new Dictionary<string, string> { ["lease"] = "2" }));

        var defaultList = await _client.ListAsync();
        var queued = await _client.ListAsync(new RemotePinQuery { Statuses = [RemotePinState.Queued, RemotePinState.Pinning] });
        var byName = await _client.ListAsync(new RemotePinQuery { Name = "checkpoint", Match = TextMatchingStrategy.Ipartial, Statuses = [RemotePinState.Pinned, RemotePinState.Queued] });
        var byCid = await _client.ListAsync(new RemotePinQuery { Cids = [Directory], Statuses = [RemotePinState.Queued] });
        var byMeta = await _client.ListAsync(new RemotePinQuery { Meta = new Dictionary<string, string> { ["lease"] = "1" } });

        Assert.Equal([pinned.RequestId], defaultList.Results.Select(status => status.RequestId));
        Assert.Equal([Directory], queued.Results.Select(status => status.Pin.Cid));
        Assert.Equal([Hello], byName.Results.Select(status => status.Pin.Cid));
        Assert.Equal(1, byCid.Count);
        Assert.Equal([pinned.RequestId], byMeta.Results.Select(status => status.RequestId));
    }

    [Fact]
    public async Task ListAll_PaginatesNewestFirstWithBefore()
    {
        var added = new List<string>();
        for (var index = 0; index < 7; index++)
        {
            added.Add((await _client.AddAsync(new RemotePin(Hello, $"p{index}"))).RequestId);
        }

        var all = new List<RemotePinStatus>();
        await foreach (var status in _client.ListAllAsync(new RemotePinQuery { Statuses = [RemotePinState.Queued], Limit = 3 }))
        {
            all.Add(status);
        }

        Assert.Equal(Enumerable.Reverse(added), all.Select(status => status.RequestId));
        Assert.Equal(all.OrderByDescending(status => status.Created), all);
    }

    [Fact]
    public async Task WrongToken_Is401WithTheServiceReason()
    {
        using var client = NewClient("wrong-token");

        var exception = await Assert.ThrowsAsync<PinningServiceException>(() => client.ListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Equal("UNAUTHORIZED", exception.Reason);
        Assert.Contains("Access token is missing or invalid", exception.Message);
        Assert.DoesNotContain("wrong-token", exception.Message);
    }

    [Fact]
    public async Task InsufficientFunds_Is409WithDetails()
    {
        _service.InsufficientFunds = true;

        var exception = await Assert.ThrowsAsync<PinningServiceException>(() => _client.AddAsync(new RemotePin(Hello)));

        Assert.Equal(HttpStatusCode.Conflict, exception.StatusCode);
        Assert.Equal("INSUFFICIENT_FUNDS", exception.Reason);
        Assert.Equal("POST /pins", exception.Operation);
    }

    [Fact]
    public void Inputs_OutsideTheApiLimits_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new RemotePin(Hello, new string('n', 256)));
        Assert.Throws<ArgumentException>(() => new RemotePin(Hello, origins: [.. Enumerable.Repeat("/ip4/1.2.3.4/tcp/1", 21)]));
        Assert.Throws<ArgumentException>(() => new RemotePinQuery { Cids = [.. Enumerable.Repeat(Hello, 11)] }.Validate());
        Assert.Throws<ArgumentException>(() => new RemotePinQuery { Limit = 0 }.Validate());
        var options = new PinningServiceOptions { Endpoint = new Uri("ftp://x/"), AccessToken = "has space" };
        var exception = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Endpoint", exception.Message);
        Assert.DoesNotContain("has space", exception.Message);
    }

    private PinningServiceClient NewClient(string token) => new(new PinningServiceOptions
    {
        Endpoint = _service.Endpoint,
        AccessToken = token,
        InitialPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(80),
    });
}
