namespace DePinGpu.Protocol.Transactions;

/// <summary>No receipt arrived in time. The transaction may still be mined: do not send the intent again blindly.</summary>
public sealed class TransactionTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransactionTimeoutException(string description, IReadOnlyList<string> hashes, TimeSpan waited)
        : base($"'{description}' was not mined within {waited.TotalSeconds:0} s (transactions {string.Join(", ", hashes)}). "
            + "It may still be mined: look these hashes up before sending it again, or raise the fee limits.")
    {
        Hashes = hashes;
    }

    /// <summary>Every hash sent for the intent (original and replacements; at most one can be mined).</summary>
    public IReadOnlyList<string> Hashes { get; }
}
