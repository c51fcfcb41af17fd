using DePinGpu.Protocol.Configuration;

namespace DePinGpu.Protocol.Transactions;

/// <summary>How transactions are priced, sent and awaited.</summary>
public sealed record TransactionOptions : IValidatedOptions
{
    /// <summary>Gas limit = estimate × (100 + this) / 100: room for state that changes between estimate and inclusion.</summary>
    public int GasMarginPercent { get; init; } = 25;

    /// <summary>How long to wait for a receipt before giving up (the transaction may still be mined later).</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How often to ask for a receipt.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A transaction not mined this long after it was sent is replaced at a higher fee.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Fee increase of each replacement, in percent (nodes require at least 10).</summary>
    public int FeeBumpPercent { get; init; } = 25;

    /// <summary>Most replacements per transaction.</summary>
    public int MaxReplacements { get; init; } = 3;

    /// <summary>Retries of one RPC call after a transient transport failure.</summary>
    public int TransientRetries { get; init; } = 5;

    /// <summary>First pause between transient retries (doubles each time).</summary>
    public TimeSpan TransientRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a fetched base fee and tip are reused.</summary>
    public TimeSpan FeeCacheDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often transactions submitted without waiting are checked (mined, dropped, stuck).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (GasMarginPercent is < 0 or > 300)
        {
            problems.Add($"GasMarginPercent {GasMarginPercent} must be between 0 and 300.");
        }

        if (FeeBumpPercent is < 10 or > 500)
        {
            problems.Add($"FeeBumpPercent {FeeBumpPercent} must be between 10 (the nodes' minimum for a replacement) and 500.");
        }

        foreach (var (key, value) in new[] { ("ReceiptTimeout", ReceiptTimeout), ("ReceiptPollInterval", ReceiptPollInterval), ("StuckAfter", StuckAfter), ("WatchInterval", WatchInterval), ("FeeCacheDuration", FeeCacheDuration) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                problems.Add($"{key} {value} must be positive and at most an hour.");
            }
        }

        if (MaxReplacements is < 0 or > 20)
        {
            problems.Add($"MaxReplacements {MaxReplacements} must be between 0 and 20.");
        }

        if (TransientRetries is < 0 or > 50)
        {
            problems.Add($"TransientRetries {TransientRetries} must be between 0 and 50.");
        }

        if (TransientRetryDelay < TimeSpan.Zero || TransientRetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"TransientRetryDelay {TransientRetryDelay} must be between 0 and a minute.");
        }

        return problems;
    }
}
