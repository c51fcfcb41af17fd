using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>
/// Each way a message can fail StrictSign or StrictNoSign on its own: one author field present under StrictNoSign, a
/// sequence number one byte off, no author, an undecodable key, a hashed peer id without a key, and a key that verifies
/// only because it was cached for another author.
/// </summary>
public sealed class MessageSigningRefusalTests
{
    private static readonly RpcMessage Signed = MessageSigning.CreateSigned(TestKeys.FromIndex(11), "t", [1, 2, 3], 7);

    [Theory]
    [InlineData("from")]
    [InlineData("seqno")]
    [InlineData("signature")]
    [InlineData("key")]
    public void StrictNoSign_AnyOneAuthorField_IsRefused(string field)
    {
        var message = new RpcMessage
        {
            Topic = "t",
            Data = [1],
            From = field == "from" ? Signed.From : null,
            SequenceNumber = field == "seqno" ? Signed.SequenceNumber : null,
            Signature = field == "signature" ? Signed.Signature : null,
            Key = field == "key" ? Signed.Key : null,
        };

        Assert.Equal(InvalidMessageReason.UnexpectedAuthorFields, MessageSigning.Verify(message, SignaturePolicy.StrictNoSign, out var author));
        Assert.Null(author);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    public void StrictSign_SequenceNumberNotEightBytes_IsRefused(int length)
    {
        Assert.Equal(InvalidMessageReason.InvalidSequenceNumber, Check(Copy(Signed, sequence: new byte[length])));
        Assert.Equal(InvalidMessageReason.InvalidSequenceNumber, Check(Copy(Signed, dropSequence: true)));
    }

    [Fact]
    public void StrictSign_WithoutAuthor_IsRefusedAsInvalidAuthor()
    {
        Assert.Equal(InvalidMessageReason.InvalidAuthor, Check(Copy(Signed, dropFrom: true)));
        Assert.Equal(InvalidMessageReason.InvalidAuthor, Check(Copy(Signed, dropFrom: true, dropKey: true)));
    }

    [Fact]
    public void StrictSign_UndecodableKey_IsRefusedAsInvalidKey()
    {
        Assert.Equal(InvalidMessageReason.InvalidKey, Check(Copy(Signed, key: [0x08, 0x01, 0x12, 0x03, 1, 2, 3])));
        Assert.Equal(InvalidMessageReason.InvalidKey, Check(Copy(Signed, key: [0xFF])));
    }

    [Fact]
    public void StrictSign_HashedPeerIdWithoutKey_IsRefusedAsInvalidKey()
    {
        // A sha2-256 peer id names its key only by hash: without the key field there is nothing to verify with.
        var hashed = new byte[34];
        hashed[0] = 0x12;
        hashed[1] = 0x20;
        hashed[2] = 0xAB;

        Assert.Equal(InvalidMessageReason.InvalidKey, Check(Copy(Signed, from: hashed, dropKey: true)));
    }

    [Fact]
    public void StrictSign_Accepted_ReturnsTheAuthor_AndAgainFromTheCache()
    {
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(InvalidMessageReason.None, MessageSigning.Verify(Signed, SignaturePolicy.StrictSign, out var author));
            Assert.Equal(TestKeys.FromIndex(11).PeerId, author);
        }
    }

    [Fact]
    public void StrictSign_AuthorOfACachedKeyWithAnotherKey_IsStillChecked()
    {
        // The first message caches (from, key); a second with the same author but another key must not reuse it.
        Assert.Equal(InvalidMessageReason.None, Check(Signed));
        var otherKey = TestKeys.FromIndex(12).PublicKey.ToProtobuf();

        Assert.Equal(InvalidMessageReason.InvalidKey, Check(Copy(Signed, key: otherKey)));
        Assert.Equal(InvalidMessageReason.InvalidSignature, Check(Copy(Signed, data: [4])));
    }

    private static InvalidMessageReason Check(RpcMessage message) => MessageSigning.Verify(message, SignaturePolicy.StrictSign, out _);

    private static RpcMessage Copy(
        RpcMessage source,
        byte[]? data = null,
        byte[]? sequence = null,
        byte[]? from = null,
        byte[]? key = null,
        bool dropSequence = false,
        bool dropFrom = false,
        bool dropKey = false) => new()
    {
        From = dropFrom ? null : from ?? source.From,
        Data = data ?? source.Data,
        SequenceNumber = dropSequence ? null : sequence ?? source.SequenceNumber,
        Topic = source.Topic,
        Signature = source.Signature,
        Key = dropKey ? null : key ?? source.Key,
    };
}
