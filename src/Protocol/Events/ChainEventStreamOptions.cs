using DePinGpu.Protocol.Configuration;

namespace DePinGpu.Protocol.Events;

/// <summary>Where a <see cref="ChainEventStream"/> starts and how it polls.</summary>
public sealed record ChainEventStreamOptions : IValidatedOptions
{
    /// <summary>Name of the stream's cursor in the store (one per consumer).</summary>
    public required string Name { get; init; }

    /// <summary>First block to read when no cursor is stored (usually the deployment block).</summary>
    public ulong StartBlock { get; init; }

    /// <summary>Blocks a block must be buried under before its events are delivered (0 = deliver at once).</summary>
    public uint Confirmations { get; init; } = 2;

    /// <summary>Most blocks per <c>eth_getLogs</c> call (halved automatically when the node refuses a range).</summary>
    public uint MaxBlockRange { get; init; } = 2_000;

    /// <summary>Pause between polls once the stream has caught up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause after an RPC failure; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest pause between retries while the RPC is down.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Delivered block positions remembered to find the common ancestor after a reorg.</summary>
    public int HistoryDepth { get; init; } = 512;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Name must name the stream's cursor.");
        }

        if (MaxBlockRange is < 1 or > 1_000_000)
        {
            problems.Add($"MaxBlockRange {MaxBlockRange} must be between 1 and 1,000,000 blocks.");
        }

        if (Confirmations > 10_000)
        {
            problems.Add($"Confirmations {Confirmations} must be at most 10,000 blocks.");
        }

        if (HistoryDepth is < 2 or > 100_000)
        {
            problems.Add($"HistoryDepth {HistoryDepth} must be between 2 and 100,000.");
        }

        if (PollInterval <= TimeSpan.Zero || MinBackoff <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval {PollInterval} and MinBackoff {MinBackoff} must be positive.");
        }

        if (MaxBackoff < MinBackoff)
        {
            problems.Add($"MaxBackoff {MaxBackoff} must be at least MinBackoff {MinBackoff}.");
        }

        return problems;
    }
}
