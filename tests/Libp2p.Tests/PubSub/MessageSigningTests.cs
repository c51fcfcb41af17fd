using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class MessageSigningTests
{
    [Fact]
    public void CreateSigned_MatchesStrictSignVector()
    {
        var message = MessageSigning.CreateSigned(TestKeys.SpecSeedOne(), "demo-topic", "hello"u8.ToArray(), 1);

        Assert.Equal(PubSubVectors.Get("signedBytesHex"), Convert.ToHexStringLower(MessageSigning.BytesToSign(message)));
        Assert.Equal(PubSubVectors.Get("signatureHex"), Convert.ToHexStringLower(message.Signature!));
        Assert.Equal(PubSubVectors.Get("fullMessageProtobufHex"), Convert.ToHexStringLower(RpcEncoder.EncodeMessage(message)));
    }

    [Fact]
    public void MessageIds_MatchJsAndGoDefaults()
    {
        var message = MessageSigning.CreateSigned(TestKeys.SpecSeedOne(), "demo-topic", "hello"u8.ToArray(), 1);

        Assert.Equal(PubSubVectors.Get("msgIdHex_js_default"), Convert.ToHexStringLower(MessageIdFunctions.PublicKeyAndSequenceNumber(message).Bytes));
        Assert.Equal(PubSubVectors.Get("msgIdHex_go_default"), Convert.ToHexStringLower(MessageIdFunctions.FromAndSequenceNumber(message).Bytes));
        var withoutKey = new RpcMessage { From = message.From, Data = message.Data, SequenceNumber = message.SequenceNumber, Topic = message.Topic };
        Assert.Equal(PubSubVectors.Get("msgIdHex_js_default"), Convert.ToHexStringLower(MessageIdFunctions.PublicKeyAndSequenceNumber(withoutKey).Bytes));
    }

    [Fact]
    public void Verify_VectorMessage_ReturnsAuthor()
    {
        Assert.True(RpcDecoder.TryDecodeMessage(Convert.FromHexString(PubSubVectors.Get("fullMessageProtobufHex")), RpcDecodeLimits.Default, out var message, out _));

        Assert.Equal(InvalidMessageReason.None, MessageSigning.Verify(message, SignaturePolicy.StrictSign, out var author));
        Assert.Equal("12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp", author!.ToString());
    }

    [Fact]
    public void Verify_WithoutKeyField_UsesInlinedKey()
    {
        var signed = MessageSigning.CreateSigned(TestKeys.FromIndex(3), "t", [1, 2, 3], 7);
        var withoutKey = new RpcMessage { From = signed.From, Data = signed.Data, SequenceNumber = signed.SequenceNumber, Topic = "t", Signature = signed.Signature };

        Assert.Equal(InvalidMessageReason.None, MessageSigning.Verify(withoutKey, SignaturePolicy.StrictSign, out _));
    }

    [Fact]
    public void Verify_TamperedOrIncomplete_IsRejectedWithReason()
    {
        var signed = MessageSigning.CreateSigned(TestKeys.FromIndex(1), "t", [1, 2, 3], 7);
        var otherKey = TestKeys.FromIndex(2).PublicKey.ToProtobuf();

        Assert.Equal(InvalidMessageReason.InvalidSignature, Check(Copy(signed, data: [9])));
        Assert.Equal(InvalidMessageReason.MissingSignature, Check(Copy(signed, dropSignature: true)));
        Assert.Equal(InvalidMessageReason.InvalidSequenceNumber, Check(Copy(signed, sequence: [1, 2, 3])));
        Assert.Equal(InvalidMessageReason.InvalidAuthor, Check(Copy(signed, from: [1, 2, 3])));
        Assert.Equal(InvalidMessageReason.InvalidKey, Check(Copy(signed, key: otherKey)));
        Assert.Equal(InvalidMessageReason.UnexpectedAuthorFields, MessageSigning.Verify(signed, SignaturePolicy.StrictNoSign, out _));
        Assert.Equal(InvalidMessageReason.None, MessageSigning.Verify(MessageSigning.CreateUnsigned("t", [1]), SignaturePolicy.StrictNoSign, out _));
    }

    private static InvalidMessageReason Check(RpcMessage message) => MessageSigning.Verify(message, SignaturePolicy.StrictSign, out _);

    private static RpcMessage Copy(RpcMessage source, byte[]? data = null, byte[]? sequence = null, byte[]? from = null, byte[]? key = null, bool dropSignature = false) => new()
    {
        From = from ?? source.From,
        Data = data ?? source.Data,
        SequenceNumber = sequence ?? source.SequenceNumber,
        Topic = source.Topic,
        Signature = dropSignature ? null : source.Signature,
        Key = key ?? source.Key,
    };
}
