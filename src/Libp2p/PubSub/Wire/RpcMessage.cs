namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>
/// The wire <c>Message</c>. Every optional field is null when absent so that StrictSign / StrictNoSign checks
/// can tell "absent" from "empty". <see cref="From"/> is the author's peer-id multihash as raw bytes.
/// </summary>
public sealed class RpcMessage
{
    /// <summary>Author's peer id multihash (field 1).</summary>
    public byte[]? From { get; init; }

    /// <summary>Payload (field 2).</summary>
    public byte[]? Data { get; init; }

    /// <summary>Sequence number, 8 bytes big-endian under StrictSign (field 3).</summary>
    public byte[]? SequenceNumber { get; init; }

    /// <summary>Topic id (field 4, required).</summary>
    public required string Topic { get; init; }

    /// <summary>Signature over <c>"libp2p-pubsub:" ‖ message without signature and key</c> (field 5).</summary>
    public byte[]? Signature { get; init; }

    /// <summary>Author's public key protobuf (field 6).</summary>
    public byte[]? Key { get; init; }

    /// <summary>A copy with the signature and key removed: the form that is signed.</summary>
    public RpcMessage WithoutSignature() => new()
    {
        From = From,
        Data = Data,
        SequenceNumber = SequenceNumber,
        Topic = Topic,
    };
}
