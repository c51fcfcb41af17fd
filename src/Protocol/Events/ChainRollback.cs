namespace DePinGpu.Protocol.Events;

/// <summary>
/// A reorg replaced blocks the stream had delivered: discard every event from blocks after
/// <see cref="To"/>; the canonical events of those blocks follow in the next batches.
/// </summary>
/// <param name="From">The position the stream had reached.</param>
/// <param name="To">The newest delivered block that is still canonical.</param>
public sealed record ChainRollback(ChainPosition From, ChainPosition To);
