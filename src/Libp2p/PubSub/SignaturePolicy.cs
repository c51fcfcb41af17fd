namespace DePinGpu.Libp2p.PubSub;

/// <summary>How messages are authored, as in the pubsub spec. Every peer on a network must use the same policy.</summary>
public enum SignaturePolicy
{
    /// <summary>Messages carry from, seqno, signature and key; unsigned messages are rejected (js default).</summary>
    StrictSign,

    /// <summary>Messages carry none of from, seqno, signature and key; signed messages are rejected.</summary>
    StrictNoSign,
}
