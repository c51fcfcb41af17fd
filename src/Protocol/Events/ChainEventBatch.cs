namespace DePinGpu.Protocol.Events;

/// <summary>
/// The events of an inclusive block range, in chain order. Once handled and the cursor saved, the stream does not
/// deliver them again; a stop between the two delivers them again (at least once, see <see cref="IChainEventHandler"/>).
/// </summary>
/// <param name="FromBlock">First block of the range.</param>
/// <param name="ToBlock">Last block of the range.</param>
/// <param name="Events">Decoded events, ordered by block then log index.</param>
/// <param name="Position">The stream's position after this batch (store it with your own state to resume atomically).</param>
public sealed record ChainEventBatch(ulong FromBlock, ulong ToBlock, IReadOnlyList<ChainEvent> Events, ChainPosition Position);
