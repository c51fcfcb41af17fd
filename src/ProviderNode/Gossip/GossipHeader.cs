namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The fields every gossip message starts with (protobuf fields 1–4).</summary>
/// <param name="Provider">The sending provider's (owner) address, lower-case <c>0x…</c> hex.</param>
/// <param name="Sequence">Strictly increasing per signer and topic (starts at the Unix time in microseconds when the node starts, so a restart keeps increasing).</param>
/// <param name="SentAt">When the node sent it (millisecond precision on the wire).</param>
public sealed record GossipHeader(string Provider, ulong Sequence, DateTimeOffset SentAt);
