namespace DePinGpu.Protocol.Events;

/// <summary>The events of an inclusive block range, in chain order. Once handled, the stream never delivers them again.</summary>
/// <param name="FromBlock">First block of the range.</param>
/// <param name="ToBlock">Last block of the range.</param>
/// <param name="Events">Decoded events, ordered by block then log index.</param>
/// <param name="Position">The stream's position after this batch (store it with your own state to resume atomically).</param>
public sealed record ChainEventBatch(ulong FromBlock, ulong ToBlock, IReadOnlyList<ChainEvent> Events, ChainPosition Position);
