using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>A message delivered to a local subscriber (or shown to a validator).</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Data">The payload.</param>
/// <param name="Author">The signing author under StrictSign; null under StrictNoSign.</param>
/// <param name="SequenceNumber">The author's sequence number under StrictSign; null otherwise.</param>
/// <param name="Id">The message id.</param>
/// <param name="ReceivedFrom">The peer that forwarded it to us (equals the local peer for own messages).</param>
public sealed record PubSubMessage(
    string Topic,
    ReadOnlyMemory<byte> Data,
    PeerId? Author,
    ulong? SequenceNumber,
    MessageId Id,
    PeerId ReceivedFrom);
