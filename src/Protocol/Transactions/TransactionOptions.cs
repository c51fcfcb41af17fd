namespace DePinGpu.Protocol.Transactions;

/// <summary>How transactions are priced, sent and awaited.</summary>
public sealed record TransactionOptions
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

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when a value is out of range.</summary>
    public void Validate()
    {
        if (GasMarginPercent is < 0 or > 300)
        {
            throw new ArgumentException("GasMarginPercent must be between 0 and 300.");
        }

        if (FeeBumpPercent is < 10 or > 500)
        {
            throw new ArgumentException("FeeBumpPercent must be between 10 (the nodes' minimum for a replacement) and 500.");
        }

        if (ReceiptTimeout <= TimeSpan.Zero || ReceiptPollInterval <= TimeSpan.Zero || StuckAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("ReceiptTimeout, ReceiptPollInterval and StuckAfter must be positive.");
        }

        if (MaxReplacements is < 0 or > 20 || TransientRetries is < 0 or > 50)
        {
            throw new ArgumentException("MaxReplacements must be 0..20 and TransientRetries 0..50.");
        }
    }
}
