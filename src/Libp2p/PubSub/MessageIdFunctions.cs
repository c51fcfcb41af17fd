using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>The message-id functions in use by libp2p implementations.</summary>
public static class MessageIdFunctions
{
    /// <summary>
    /// js-libp2p's StrictSign default: <c>PublicKey protobuf ‖ seqno</c>. The key comes from the message's
    /// <c>key</c> field or, when absent, from the identity-multihash peer id in <c>from</c>.
    /// </summary>
    public static MessageId PublicKeyAndSequenceNumber(RpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.Key ?? InlinedKey(message.From);
        var sequence = message.SequenceNumber ?? throw new ArgumentException("The message has no sequence number.", nameof(message));
        return MessageId.FromOwnedArray([.. key, .. sequence]);
    }

    /// <summary>go-libp2p's default: <c>from (peer-id multihash) ‖ seqno</c>.</summary>
    public static MessageId FromAndSequenceNumber(RpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = message.From ?? throw new ArgumentException("The message has no author.", nameof(message));
        var sequence = message.SequenceNumber ?? throw new ArgumentException("The message has no sequence number.", nameof(message));
        return MessageId.FromOwnedArray([.. from, .. sequence]);
    }

    /// <summary>js-libp2p's StrictNoSign default: the sha2-256 multihash of the data.</summary>
    public static MessageId Sha256OfData(RpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MessageId.FromOwnedArray(Multihash.Sha256(message.Data ?? []).Bytes.ToArray());
    }

    /// <summary>Plain SHA-256 of the data (32 bytes), for application topics that want content ids.</summary>
    public static MessageId RawSha256OfData(RpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MessageId.FromOwnedArray(SHA256.HashData(message.Data ?? []));
    }

    private static byte[] InlinedKey(byte[]? from)
    {
        var peerId = PeerId.FromBytes(from ?? throw new ArgumentException("The message has no author."));
        return peerId.PublicKey?.ToProtobuf()
            ?? throw new ArgumentException("The author's peer id does not inline its public key and the message carries no key.");
    }
}
