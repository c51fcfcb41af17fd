using System.Text;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// Server-sent event streams read one after another through the gateway (GET /events of the echo service): each must
/// deliver events 1..N exactly once and in order, or it counts as failed, with the reason.
/// </summary>
internal sealed class StreamLoad : IAsyncDisposable
{
    private const int Events = 40;
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Task _worker;
    private int _completed;

    private StreamLoad(Uri gateway) => _worker = Task.Run(() => WorkAsync(new Uri(gateway, $"events?count={Events}&interval=0.05")));

    /// <summary>Streams that delivered every event once, in order.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Streams that did not, with why.</summary>
    public List<string> Failures { get; } = [];

    public static StreamLoad Start(Uri gateway) => new(gateway);

    /// <summary>Stops after the stream being read ends.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _worker;
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
                var ids = await ReadIdsAsync(target);
                if (ids.SequenceEqual(Enumerable.Range(1, Events).Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                {
                    Interlocked.Increment(ref _completed);
                    continue;
                }

                Fail($"events {string.Join(',', ids)}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                Fail(exception.Message);
            }
        }
    }

    private async Task<List<string>> ReadIdsAsync(Uri target)
    {
        using var response = await _client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            return [$"status {(int)response.StatusCode}"];
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(CancellationToken.None), Encoding.UTF8);
        var ids = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(line["id: ".Length..]);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                ids.Add(line);
            }
        }

        return ids;
    }

    private void Fail(string why)
    {
        lock (Failures)
        {
            Failures.Add(why);
        }
    }
}
