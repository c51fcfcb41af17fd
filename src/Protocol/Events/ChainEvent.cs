namespace DePinGpu.Protocol.Events;

/// <summary>A decoded contract event and where it sits in the chain.</summary>
public abstract record ChainEvent
{
    /// <summary>The emitting contract (lower-case hex).</summary>
    public required string Contract { get; init; }

    /// <summary>The block that holds the event.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>That block's hash.</summary>
    public required string BlockHash { get; init; }

    /// <summary>The transaction that emitted it.</summary>
    public required string TransactionHash { get; init; }

    /// <summary>Position of the log within its block: with <see cref="BlockNumber"/> this orders events.</summary>
    public required uint LogIndex { get; init; }
}
