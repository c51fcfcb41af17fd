namespace DePinGpu.Protocol.Transactions;

/// <summary>A transaction submitted without waiting, with every attempt sent for its nonce (original and replacements).</summary>
internal sealed class WatchedTransaction(SentTransaction first)
{
    private readonly List<SentTransaction> _attempts = [first];

    /// <summary>The nonce all attempts share (at most one of them is mined).</summary>
    public ulong Nonce => first.Nonce;

    /// <summary>Every attempt, oldest first.</summary>
    public IReadOnlyList<SentTransaction> Attempts => _attempts;

    /// <summary>The newest attempt.</summary>
    public SentTransaction Latest => _attempts[^1];

    /// <summary>When an attempt was last handed to the node.</summary>
    public DateTimeOffset LastSentAt { get; private set; } = first.SentAt;

    /// <summary>Rounds in a row in which the account's mined count passed this nonce with none of our attempts mined.</summary>
    public int RoundsSuperseded { get; set; }

    /// <summary>Adds a replacement (or a re-signed copy with a new hash).</summary>
    public void Add(SentTransaction attempt)
    {
        if (attempt.Hash != Latest.Hash)
        {
            _attempts.Add(attempt);
        }

        LastSentAt = attempt.SentAt;
    }
}
