using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// The run loop against a scripted in-process node: back-off doubling from its minimum to its maximum and starting
/// over after a success, one log line when an outage starts and one when it ends, the head published on each poll,
/// the poll interval only once caught up, and which failures are outages and which end the run.
/// </summary>
public sealed class ChainEventStreamRunTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _folder = ScriptedStream.NewFolder();

    public void Dispose() => ScriptedStream.DeleteFolder(_folder);

    [Fact]
    public async Task Outage_BacksOffDoublingToTheMaximum_StartsOverAfterASuccess_AndLogsEachOutageOnce()
    {
        using var chain = new ScriptedChain(1);
        var head = new ChainHead();
        var polls = 0;
        var reachable = new List<bool?>();
        // Head reads 1-8 fail, 9 succeeds, 10-13 fail, then the node stays up.
        chain.Intercept = request =>
        {
            if (request != "latest")
            {
                return null;
            }

            reachable.Add(head.IsReachable);
            return ++polls is <= 8 or (>= 10 and <= 13) ? ScriptedAnswer.Unavailable : null;
        };
        using var store = ScriptedStream.Store(_folder);
        var logger = new TestLogger<ChainEventStream>();
        var options = ScriptedStream.Options() with { MinBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(1280) };
        using var running = new CancellationTokenSource();
        var run = ScriptedStream.Create(chain, store, options, logger, head: head).RunAsync(new BatchRecorder(), running.Token);

        await WaitAsync(() => logger.Count(1102) == 2 || run.IsCompleted);
        await StopAsync(running, run);

        var times = chain.Requests.Zip(chain.Times).Where(r => r.First == "latest").Select(r => r.Second).ToArray();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).Take(13).ToArray();
        double[] backoff = [10, 20, 40, 80, 160, 320, 640, 1280, 10, 10, 20, 40, 80];
        Assert.All(gaps.Zip(backoff), pair => Assert.True(pair.First >= pair.Second - 2, $"gaps {string.Join(", ", gaps)}"));
        // Upper bounds, generous for a loaded machine: capped at the maximum, not doubling past it (10, 1280, 2560, ...),
        // and back to the minimum after the success, not still at the maximum (4 x 1280 ms).
        Assert.InRange((times[8] - times[0]).TotalMilliseconds, 2_550, 8_000);
        Assert.InRange((times[13] - times[9]).TotalMilliseconds, 150, 2_500);
        Assert.Equal((2, 2), (logger.Count(1101), logger.Count(1102)));
        Assert.Contains("HTTP 503", logger.Entries.First(e => e.EventId.Id == 1101).Message, StringComparison.Ordinal);
        Assert.Equal([null, false, false, false, false, false, false, false, false, true, false], reachable.Take(11));
        Assert.Equal((true, 0ul), (head.IsReachable, head.Number));
    }

    public static TheoryData<string> Outages => ["transport", "error", "malformed"];

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task EveryKindOfRpcFailure_IsAnOutageToRetry_NotTheEndOfTheRun(string kind)
    {
        using var chain = new ScriptedChain(0);
        chain.Mine(7);
        var failures = 0;
        var answer = kind switch
        {
            "transport" => ScriptedAnswer.Unavailable,
            "error" => ScriptedAnswer.Error(-32603, "internal error"),
            _ => ScriptedAnswer.Malformed,
        };
        chain.Intercept = request => request == "latest" && failures++ < 2 ? answer : null;
        using var store = ScriptedStream.Store(_folder);
        var handler = new BatchRecorder();
        using var running = new CancellationTokenSource();
        var run = ScriptedStream.Create(chain, store, ScriptedStream.Options()).RunAsync(handler, running.Token);

        await WaitAsync(() => handler.Values().Count > 0 || run.IsCompleted);

        await StopAsync(running, run);
        Assert.Equal([7], handler.Values());
    }

    [Fact]
    public async Task HandlerFailure_EndsTheRun_WithTheHandlersException()
    {
        using var chain = new ScriptedChain(0);
        chain.Mine(7);
        using var store = ScriptedStream.Store(_folder);
        var handler = new BatchRecorder { Failure = new InvalidOperationException("consumer broke") };

        var run = ScriptedStream.Create(chain, store, ScriptedStream.Options()).RunAsync(handler, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound));
        Assert.Equal("consumer broke", error.Message);
        Assert.Null(store.Load("test"));
    }

    [Fact]
    public async Task CatchingUp_ReadsRangeAfterRangeWithoutPausing_ThenPausesForThePollInterval()
    {
        using var chain = new ScriptedChain(0);
        for (var value = 0; value < 10; value++)
        {
            chain.Mine(value);
        }

        using var store = ScriptedStream.Store(_folder);
        var handler = new BatchRecorder();
        var options = ScriptedStream.Options(range: 2) with { PollInterval = TimeSpan.FromMinutes(2) };
        using var running = new CancellationTokenSource();
        var run = ScriptedStream.Create(chain, store, options).RunAsync(handler, running.Token);

        await WaitAsync(() => handler.Values().Count == 10 || run.IsCompleted);
        // Absence can only be watched for a while: a loop that did not pause would read the head hundreds of times.
        await Task.Delay(300);

        await StopAsync(running, run);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], handler.Values());
        Assert.Equal(5, chain.Requests.Count(r => r == "latest"));
    }

    [Fact]
    public async Task Run_WithoutAHandler_IsRefused()
    {
        using var chain = new ScriptedChain();
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options());

        await Assert.ThrowsAsync<ArgumentNullException>(() => stream.RunAsync(null!, new CancellationToken(canceled: true)));
    }

    // Cancelled, the run ends at its next pause (OperationCanceledException) or at the top of its loop (no exception).
    private static async Task StopAsync(CancellationTokenSource running, Task run)
    {
        await running.CancelAsync();
        try
        {
            await run.WaitAsync(Bound);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
