namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>A bounded closed-loop load: a few workers, each sending the next GET /echo as soon as the last one ended.</summary>
internal sealed class ClosedLoopLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Task[] _workers;
    private long _succeeded;
    private long _failed;

    private ClosedLoopLoad(Uri gateway, int workers) =>
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(new Uri(gateway, "echo")))).ToArray();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public List<string> Failures { get; } = [];

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

    private async Task WorkAsync(Uri target)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _client.GetAsync(target, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _succeeded);
                    continue;
                }

                Record($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException exception)
            {
                Record(exception.Message);
            }
        }
    }

    private void Record(string failure)
    {
        Interlocked.Increment(ref _failed);
        lock (Failures)
        {
            Failures.Add(failure);
        }
    }
}
