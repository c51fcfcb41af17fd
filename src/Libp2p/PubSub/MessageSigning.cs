using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// StrictSign authoring and verification. The signature covers <c>"libp2p-pubsub:" ‖ Message</c> encoded without
/// its <c>signature</c> and <c>key</c> fields (js and go both exclude <c>key</c>); the receiver re-encodes the
/// fields rather than trusting the bytes it received.
/// </summary>
public static class MessageSigning
{
    /// <summary>Length of a StrictSign sequence number.</summary>
    public const int SequenceNumberLength = 8;

    /// <summary>The domain-separation prefix of pubsub signatures.</summary>
    public static ReadOnlySpan<byte> SignaturePrefix => "libp2p-pubsub:"u8;

    /// <summary>The exact bytes that are signed for <paramref name="message"/>.</summary>
    public static byte[] BytesToSign(RpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var unsigned = message.WithoutSignature();
        var prefix = SignaturePrefix;
        var buffer = new byte[prefix.Length + RpcEncoder.MessageSize(unsigned)];
        prefix.CopyTo(buffer);
        RpcEncoder.WriteMessage(unsigned, buffer.AsSpan(prefix.Length));
        return buffer;
    }

    /// <summary>Builds a signed message authored by <paramref name="key"/>.</summary>
    public static RpcMessage CreateSigned(PrivateKey key, string topic, byte[] data, ulong sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sequence = new byte[SequenceNumberLength];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(sequence, sequenceNumber);
        var unsigned = new RpcMessage { From = key.PeerId.ToByteArray(), Data = data, SequenceNumber = sequence, Topic = topic };
        return new RpcMessage
        {
            From = unsigned.From,
            Data = data,
            SequenceNumber = sequence,
            Topic = topic,
            Signature = key.Sign(BytesToSign(unsigned)),
            Key = key.PublicKey.ToProtobuf(),
        };
    }

    /// <summary>Builds an anonymous message for <see cref="SignaturePolicy.StrictNoSign"/>.</summary>
    public static RpcMessage CreateUnsigned(string topic, byte[] data) => new() { Data = data, Topic = topic };

    /// <summary>
    /// Checks <paramref name="message"/> against <paramref name="policy"/>. Under StrictSign the author's peer id is
    /// returned in <paramref name="author"/>; under StrictNoSign it is null.
    /// </summary>
    public static InvalidMessageReason Verify(RpcMessage message, SignaturePolicy policy, out PeerId? author)
    {
        ArgumentNullException.ThrowIfNull(message);
        author = null;
        if (policy == SignaturePolicy.StrictNoSign)
        {
            return message.From is null && message.SequenceNumber is null && message.Signature is null && message.Key is null
                ? InvalidMessageReason.None
                : InvalidMessageReason.UnexpectedAuthorFields;
        }

        if (message.SequenceNumber is not { Length: SequenceNumberLength })
        {
            return InvalidMessageReason.InvalidSequenceNumber;
        }

        if (message.Signature is null)
        {
            return InvalidMessageReason.MissingSignature;
        }

        if (!TryResolveAuthor(message, out var from, out var publicKey, out var reason))
        {
            return reason;
        }

        if (!publicKey.Verify(BytesToSign(message), message.Signature))
        {
            return InvalidMessageReason.InvalidSignature;
        }

        author = from;
        return InvalidMessageReason.None;
    }

    private static bool TryResolveAuthor(RpcMessage message, out PeerId from, out PublicKey publicKey, out InvalidMessageReason reason)
    {
        reason = InvalidMessageReason.None;
        if (message.From is not null && AuthorKeyCache.TryGet(message.From, message.Key, out from, out publicKey))
        {
            return true;
        }

        publicKey = null!;
        if (!TryParseAuthor(message.From, out from))
        {
            reason = InvalidMessageReason.InvalidAuthor;
            return false;
        }

        if (!TryResolveKey(message, from, out publicKey))
        {
            reason = InvalidMessageReason.InvalidKey;
            return false;
        }

        AuthorKeyCache.Add(message.From!, message.Key, from, publicKey);
        return true;
    }

    private static bool TryParseAuthor(byte[]? from, out PeerId peerId)
    {
        peerId = null!;
        if (from is null)
        {
            return false;
        }

        try
        {
            peerId = PeerId.FromBytes(from);
            return true;
        }
        catch (FormatException)
        {
            // A malformed author is an expected outcome here: the caller rejects the message and scores the sender.
            return false;
        }
    }

    private static bool TryResolveKey(RpcMessage message, PeerId from, out PublicKey publicKey)
    {
        publicKey = null!;
        if (message.Key is null)
        {
            publicKey = from.PublicKey!;
            return from.PublicKey is not null;
        }

        try
        {
            publicKey = PublicKey.FromProtobuf(message.Key);
        }
        catch (FormatException)
        {
            // An undecodable key is an expected outcome: the message is rejected as InvalidKey.
            return false;
        }

        return from.Matches(publicKey);
    }
}
