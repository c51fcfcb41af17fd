using System.Text;
using DePinGpu.Libp2p.Noise;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// The libp2p Noise handshake payload (<c>NoiseHandshakePayload</c> protobuf: identity_key 1, identity_sig 2,
/// extensions 4 with stream_muxers 2) against hand-written bytes, and its bounds.
/// </summary>
public sealed class NoiseHandshakePayloadTests
{
    private static readonly byte[] KeyAndSignature = [0x0a, 0x03, 1, 2, 3, 0x12, 0x02, 4, 5];

    [Fact]
    public void Encode_WithMuxers_IsKeySignatureThenExtensionsListingThem()
    {
        var payload = new NoiseHandshakePayload([1, 2, 3], [4, 5], ["/yamux/1.0.0"]);

        byte[] expected = [.. KeyAndSignature, 0x22, 0x0e, 0x12, 0x0c, .. "/yamux/1.0.0"u8];
        Assert.Equal(expected, payload.Encode());
    }

    [Fact]
    public void Encode_WithoutMuxers_HasNoExtensionsField()
    {
        Assert.Equal(KeyAndSignature, new NoiseHandshakePayload([1, 2, 3], [4, 5], []).Encode());
    }

    [Fact]
    public void Decode_UnknownFieldsAndOtherExtensions_AreSkippedAndTheMuxersKeptInOrder()
    {
        byte[] encoded =
        [
            0x18, 0x96, 0x01, // field 3, a varint (150): unknown, skipped
            .. KeyAndSignature,
            0x22, 0x11, 0x0a, 0x03, 9, 9, 9, 0x12, 0x04, .. "/a/1"u8, 0x12, 0x04, .. "/b/2"u8, // extensions: a certhash (1), two muxers
        ];

        var payload = NoiseHandshakePayload.Decode(encoded);

        Assert.Equal(new byte[] { 1, 2, 3 }, payload.IdentityKey);
        Assert.Equal(new byte[] { 4, 5 }, payload.IdentitySignature);
        Assert.Equal(["/a/1", "/b/2"], payload.StreamMuxers);
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x03, 1, 2, 3 })] // key only
    [InlineData(new byte[] { 0x12, 0x02, 4, 5 })] // signature only
    [InlineData(new byte[0])]
    public void Decode_WithoutKeyOrSignature_IsRefused(byte[] encoded)
    {
        var refused = Assert.Throws<FormatException>(() => NoiseHandshakePayload.Decode(encoded));
        Assert.Contains("lacks the identity key or its signature", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PayloadOfTheLargestSize_IsReadAndOneByteMoreIsRefused()
    {
        Assert.Equal(new byte[] { 1, 2, 3 }, NoiseHandshakePayload.Decode(WithFiller(NoiseHandshakePayload.MaxLength)).IdentityKey);

        var refused = Assert.Throws<FormatException>(() => NoiseHandshakePayload.Decode(WithFiller(NoiseHandshakePayload.MaxLength + 1)));
        Assert.Contains($"{NoiseHandshakePayload.MaxLength + 1}-byte Noise payload exceeds the limit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SixteenMuxersAreRead_SeventeenAreRefused()
    {
        var sixteen = NoiseHandshakePayload.Decode(WithMuxers(NoiseHandshakePayload.MaxStreamMuxers));
        Assert.Equal(Enumerable.Range(0, 16).Select(index => $"/m/{index}"), sixteen.StreamMuxers);

        var refused = Assert.Throws<FormatException>(() => NoiseHandshakePayload.Decode(WithMuxers(NoiseHandshakePayload.MaxStreamMuxers + 1)));
        Assert.Contains("more than 16 stream muxers", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Key and signature, then an unknown bytes field (3) that makes the payload exactly <paramref name="length"/> bytes.</summary>
    private static byte[] WithFiller(int length)
    {
        var fillerLength = length - KeyAndSignature.Length - 3; // tag and a two-byte length
        byte[] encoded = [.. KeyAndSignature, 0x1a, (byte)(0x80 | (fillerLength & 0x7f)), (byte)(fillerLength >> 7), .. new byte[fillerLength]];
        Assert.Equal(length, encoded.Length);
        return encoded;
    }

    private static byte[] WithMuxers(int count)
    {
        var extensions = Enumerable.Range(0, count).SelectMany(index => ReferenceNoisePeer.Field(2, Encoding.ASCII.GetBytes($"/m/{index}"))).ToArray();
        return [.. KeyAndSignature, .. ReferenceNoisePeer.Field(4, extensions)];
    }
}
