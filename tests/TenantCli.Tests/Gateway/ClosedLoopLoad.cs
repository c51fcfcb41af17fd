using System.Collections.Concurrent;
using System.Diagnostics;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// A bounded closed-loop load: a few workers, each sending the next GET /echo as soon as the last one ended. Every
/// request is recorded (worker, start, end, outcome, the replica that answered per its <c>X-Replica</c> header) for
/// <see cref="FailoverReport"/>.
/// </summary>
internal sealed class ClosedLoopLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<LoadSample> _samples = new();
    private readonly Task[] _workers;
    private long _succeeded;
    private long _failed;

    private ClosedLoopLoad(Uri gateway, int workers) =>
        _workers = Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, new Uri(gateway, "echo")))).ToArray();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public List<string> Failures { get; } = [];

    /// <summary>Every request that ended so far, in no particular order.</summary>
    public IReadOnlyList<LoadSample> Samples => _samples.ToArray();

    public static ClosedLoopLoad Start(Uri gateway, int workers) => new(gateway, workers);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync(int worker, Uri target)
    {
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _client.GetAsync(target, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    var replica = response.Headers.TryGetValues("X-Replica", out var values) ? values.FirstOrDefault() : null;
                    _samples.Enqueue(new LoadSample(worker, started, Stopwatch.GetTimestamp(), true, replica));
                    Interlocked.Increment(ref _succeeded);
                    continue;
                }

                Record(worker, started, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException exception)
            {
                Record(worker, started, exception.Message);
            }
            catch (TaskCanceledException exception)
            {
                Record(worker, started, "timed out: " + exception.Message);
            }
        }
    }

    private void Record(int worker, long started, string failure)
    {
        _samples.Enqueue(new LoadSample(worker, started, Stopwatch.GetTimestamp(), false, null));
        Interlocked.Increment(ref _failed);
        lock (Failures)
        {
            Failures.Add(failure);
        }
    }
}
