using System.Collections.Concurrent;
using System.Text.Json;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// A bounded closed-loop load of <c>GET /echo</c> on a gateway: a few workers, each sending the next request as soon
/// as the last one ended; counts the answers per replica (the echo service names it) and keeps every failure.
/// </summary>
internal sealed class ReplicaTrafficLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Task[] _workers;

    private ReplicaTrafficLoad(Uri gateway, int workers) =>
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(new Uri(gateway, "echo")))).ToArray();

    /// <summary>Answers per replica ("lease/epoch").</summary>
    public ConcurrentDictionary<string, long> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every failed request, as the client saw it.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Answers in all.</summary>
    public long Succeeded => Answers.Values.Sum();

    public static ReplicaTrafficLoad Start(Uri gateway, int workers) => new(gateway, workers);

    /// <summary>Answers <paramref name="replica"/> gave so far.</summary>
    public long AnswersOf(string replica) => Answers.GetValueOrDefault(replica);

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
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Failures.Enqueue($"{(int)response.StatusCode} {body}");
                    continue;
                }

                var replica = JsonDocument.Parse(body).RootElement.GetProperty("replica").GetString()!;
                Answers.AddOrUpdate(replica, 1, (_, count) => count + 1);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                Failures.Enqueue(exception.Message);
            }
        }
    }
}
