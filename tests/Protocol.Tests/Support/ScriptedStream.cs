using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Events;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>Builds event streams over a <see cref="ScriptedChain"/> and drives them step by step.</summary>
public static class ScriptedStream
{
    /// <summary>Options for a stream named "test" of the scripted chain; polls and back-off short unless given.</summary>
    public static ChainEventStreamOptions Options(uint confirmations = 0, uint range = 2_000, ulong start = 0, int historyDepth = 512) => new()
    {
        Name = "test",
        StartBlock = start,
        Confirmations = confirmations,
        MaxBlockRange = range,
        HistoryDepth = historyDepth,
        PollInterval = TimeSpan.FromMilliseconds(10),
        MinBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>A stream of <paramref name="chain"/>'s logs.</summary>
    public static ChainEventStream Create(
        ScriptedChain chain,
        ChainCursorStore store,
        ChainEventStreamOptions options,
        ILogger<ChainEventStream>? logger = null,
        ChainMetrics? metrics = null,
        ChainHead? head = null) =>
        new(chain.Rpc(), new RawLogDecoder(ScriptedChain.Address), store, options, logger, metrics, head);

    /// <summary>Steps until the stream is caught up (at most 100 steps: a stream that never catches up fails the test).</summary>
    public static async Task<int> DrainAsync(ChainEventStream stream, IChainEventHandler handler)
    {
        for (var steps = 1; steps <= 100; steps++)
        {
            if (!await stream.StepAsync(handler, CancellationToken.None))
            {
                return steps;
            }
        }

        throw new InvalidOperationException("The stream did not catch up within 100 steps.");
    }

    /// <summary>A cursor store in a fresh temporary folder (delete the folder with <see cref="DeleteFolder"/>).</summary>
    public static ChainCursorStore Store(string folder) => new(Path.Combine(folder, "cursor.db"));

    /// <summary>A fresh temporary folder path.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "depin-scripted-" + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes <paramref name="folder"/> if it exists.</summary>
    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
