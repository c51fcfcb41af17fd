using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// A real <c>depin-node run</c> (anvil with the contracts behind it) flooded over loopback by two hostile clients, each
/// from its own 127.0.7.x address: one uploads 60 KiB bodies from 128 connections at once, one requests /leases from
/// 32. A third client, from 127.0.0.1, keeps asking for /leases the way a tenant or a dashboard would.
/// </summary>
public sealed class ApiFloodTests(ITestOutputHelper output) : IDisposable
{
    private const int UploadWorkers = 128;
    private const int UploadsPerWorker = 12;
    private const int RequestWorkers = 32;
    private const int RequestsPerWorker = 60;
    private const int UploadBytes = 60 * 1024;

    /// <summary>
    /// Peak growth of the node's resident memory allowed during the flood. What the node can hold for it: Kestrel's
    /// buffers for the 161 connections (a request body in flight is at most the 60 KiB sent: ≈ 10 MiB), 8 concurrent
    /// uploads × (64 KiB body + 128 KiB of buffer growth + 64 KiB block copy) ≈ 2 MiB, and the garbage collector's
    /// allocation budget before it collects (tens of MiB on this runtime). Measured: +16 MiB with the limits; +24 MiB
    /// with them lifted, where the node also processed 1,536 uploads instead of 21 and the tenant's median wait tripled.
    /// </summary>
    private const long MemoryGrowthBound = 64L * 1024 * 1024;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task UploadAndRequestFlood_IsRefusedWith429_ALegitimateClientIsStillServed_AndMemoryStaysBounded()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "flooded", pricePerGpuSecond: 1000);
        await using var process = await node.RunAsync(DevnetTenant.Patience);
        var limits = new RateLimitingOptions();
        using var uploader = SourceBoundHttpClient.Create(IPAddress.Parse("127.0.7.2"), node.Api, UploadWorkers);
        using var requester = SourceBoundHttpClient.Create(IPAddress.Parse("127.0.7.3"), node.Api, RequestWorkers);
        using var tenant = SourceBoundHttpClient.Create(IPAddress.Loopback, node.Api, 1);
        var baseline = ProcessMemory.ResidentBytes(process.Id);
        var uploads = new Tally();
        var requests = new Tally();

        var clock = Stopwatch.StartNew();
        var flood = Task.WhenAll(
            FloodAsync(uploader, () => new HttpRequestMessage(HttpMethod.Post, "/uploads") { Content = new ByteArrayContent(RandomBody()) }, UploadWorkers, UploadsPerWorker, uploads),
            FloodAsync(requester, () => new HttpRequestMessage(HttpMethod.Get, "/leases"), RequestWorkers, RequestsPerWorker, requests));
        var (tenantWaits, peakResident) = await ServeTenantWhileAsync(flood, tenant, process.Id);
        await flood;
        var elapsed = clock.Elapsed;

        var growth = peakResident - baseline;
        output.WriteLine($"Flood of {elapsed.TotalSeconds:0.0} s: uploads {uploads}; requests {requests}.");
        output.WriteLine($"Tenant's /leases during the flood: {tenantWaits.Count} requests, median {Median(tenantWaits):0} ms, max {tenantWaits.Max().TotalMilliseconds:0} ms.");
        output.WriteLine($"Node resident memory: {baseline >> 20} MiB before, {peakResident >> 20} MiB at the peak (+{growth >> 20} MiB).");
        Assert.NotEmpty(tenantWaits);
        Assert.True(uploads[HttpStatusCode.TooManyRequests] > 0 && requests[HttpStatusCode.TooManyRequests] > 0, $"uploads {uploads}; requests {requests}");
        Assert.Equal(0, uploads.MissingRetryAfter + requests.MissingRetryAfter);
        var admittedUploads = uploads[HttpStatusCode.Forbidden];
        Assert.InRange(admittedUploads, 1, limits.UploadBurstPerClient + (int)Math.Ceiling(elapsed.TotalMinutes * limits.UploadsPerMinutePerClient));
        Assert.InRange(requests[HttpStatusCode.OK], 1, limits.RequestBurstPerClient + (int)Math.Ceiling(elapsed.TotalSeconds * limits.RequestsPerSecondPerClient));
        Assert.True(growth < MemoryGrowthBound, $"The node's resident memory grew by {growth >> 20} MiB.");
        Assert.False(process.HasExited);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Asks for /leases as a tenant would (every 100 ms) until the flood ends; every answer must be 200. Samples the node's memory meanwhile.</summary>
    private static async Task<(List<TimeSpan> Waits, long PeakResident)> ServeTenantWhileAsync(Task flood, HttpClient tenant, int processId)
    {
        var waits = new List<TimeSpan>();
        var peak = ProcessMemory.ResidentBytes(processId);
        while (!flood.IsCompleted)
        {
            var waited = Stopwatch.StartNew();
            using var response = await tenant.GetAsync(new Uri("/leases", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            waits.Add(waited.Elapsed);
            peak = Math.Max(peak, ProcessMemory.ResidentBytes(processId));
            await Task.WhenAny(flood, Task.Delay(100));
        }

        return (waits, Math.Max(peak, ProcessMemory.ResidentBytes(processId)));
    }

    private static Task FloodAsync(HttpClient client, Func<HttpRequestMessage> request, int workers, int requestsPerWorker, Tally tally) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            for (var index = 0; index < requestsPerWorker; index++)
            {
                try
                {
                    using var message = request();
                    using var response = await client.SendAsync(message);
                    tally.Add(response);
                }
                catch (HttpRequestException)
                {
                    // The node may close a connection whose request it refused before reading the body.
                    tally.AddClosed();
                }
            }
        }));

    private static byte[] RandomBody()
    {
        var body = new byte[UploadBytes];
        Random.Shared.NextBytes(body);
        return body;
    }

    private static double Median(List<TimeSpan> waits) => waits.Order().ElementAt(waits.Count / 2).TotalMilliseconds;

    private sealed class Tally
    {
        private readonly ConcurrentDictionary<HttpStatusCode, int> _statuses = new();
        private int _closed;
        private int _missingRetryAfter;

        public int MissingRetryAfter => Volatile.Read(ref _missingRetryAfter);

        public int this[HttpStatusCode status] => _statuses.GetValueOrDefault(status);

        public void Add(HttpResponseMessage response)
        {
            _statuses.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is not { TotalSeconds: >= 1 })
            {
                Interlocked.Increment(ref _missingRetryAfter);
            }
        }

        public void AddClosed() => Interlocked.Increment(ref _closed);

        public override string ToString() =>
            string.Join(", ", _statuses.OrderBy(pair => pair.Key).Select(pair => $"{(int)pair.Key}: {pair.Value}")) + $", closed: {Volatile.Read(ref _closed)}";
    }
}
