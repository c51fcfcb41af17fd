namespace DePinGpu.Protocol.Events;

/// <summary>A reorg replaced more blocks than the stream remembers, so it cannot tell what to undo.</summary>
public sealed class ChainReorgTooDeepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChainReorgTooDeepException(string streamName, ulong oldestRemembered)
        : base($"The chain reorganised below block {oldestRemembered}, deeper than stream '{streamName}' remembers. "
            + "Raise Confirmations, then rebuild the consumer's state from the start block (delete its cursor).")
    {
    }
}
