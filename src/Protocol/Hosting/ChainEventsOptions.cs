using DePinGpu.Protocol.Configuration;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Where the host's event stream keeps its cursor and how it reads. Bound by <c>AddChainEvents</c> (section
/// <c>Chain:Events</c> in the examples); confirmations and the poll interval come from <see cref="ChainOptions"/>.
/// </summary>
public sealed record ChainEventsOptions : IValidatedOptions
{
    /// <summary>Path of the LiteDB file holding the stream's cursor (created if missing; opened exclusively).</summary>
    public string CursorFile { get; init; } = string.Empty;

    /// <summary>Name of the cursor inside the file (one per consumer).</summary>
    public string StreamName { get; init; } = "chain-events";

    /// <summary>Most blocks per <c>eth_getLogs</c> call (halved automatically when the node refuses a range).</summary>
    public uint MaxBlockRange { get; init; } = 2_000;

    /// <summary>Delivered block positions remembered to find the common ancestor after a reorg.</summary>
    public int HistoryDepth { get; init; } = 512;

    /// <summary>First pause after an RPC or handler failure; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest pause between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(CursorFile))
        {
            problems.Add("CursorFile must name the file the event stream's cursor is kept in (e.g. data/chain-cursor.db).");
        }

        if (string.IsNullOrWhiteSpace(StreamName) || StreamName.Length > 100)
        {
            problems.Add("StreamName must be 1 to 100 characters.");
        }

        if (MaxBlockRange is < 1 or > 1_000_000)
        {
            problems.Add($"MaxBlockRange {MaxBlockRange} must be between 1 and 1,000,000 blocks.");
        }

        if (HistoryDepth is < 2 or > 100_000)
        {
            problems.Add($"HistoryDepth {HistoryDepth} must be between 2 and 100,000.");
        }

        if (MinBackoff <= TimeSpan.Zero || MinBackoff > TimeSpan.FromMinutes(1))
        {
            problems.Add($"MinBackoff {MinBackoff} must be positive and at most a minute.");
        }

        if (MaxBackoff < MinBackoff || MaxBackoff > TimeSpan.FromHours(1))
        {
            problems.Add($"MaxBackoff {MaxBackoff} must be at least MinBackoff and at most an hour.");
        }

        return problems;
    }
}
