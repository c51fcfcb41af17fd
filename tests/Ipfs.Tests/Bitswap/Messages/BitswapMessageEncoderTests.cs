using CsCheck;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Messages;

public class BitswapMessageEncoderTests
{
    [Fact]
    public void Encode_Wantlist_MatchesFixedVector()
    {
        var message = new BitswapMessage
        {
            Wantlist = new BitswapWantlist(
            [
                new WantlistEntry(Vectors.Hello, 1, false, WantType.Block, true),
                new WantlistEntry(Vectors.PatternRoot, 7, false, WantType.Have, false),
                new WantlistEntry(Vectors.HelloV0, -1, true, WantType.Block, false),
            ], Full: true),
        };

        var expected = "0a8d01"
            + "0a2a" + "0a24" + Vectors.Hex(Vectors.Hello) + "1001" + "2801"
            + "0a2a" + "0a24" + Vectors.Hex(Vectors.PatternRoot) + "1007" + "2001"
            + "0a31" + "0a22" + Vectors.Hex(Vectors.HelloV0) + "10ffffffffffffffffff01" + "1801"
            + "1001";
        Assert.Equal(expected, Convert.ToHexStringLower(BitswapMessageEncoder.Encode(message)));
    }

    [Fact]
    public void Encode_BlockPresencesAndPendingBytes_MatchesFixedVector()
    {
        var message = new BitswapMessage
        {
            Blocks = [new BitswapBlock(CidPrefix.Of(Vectors.Hello), TestData.Hello)],
            BlockPresences = [new BlockPresence(Vectors.PatternRoot, BlockPresenceType.Have), new BlockPresence(Vectors.HelloV0, BlockPresenceType.DontHave)],
            PendingBytes = 300,
        };

        var expected = "1a14" + "0a0401551220" + "120c68656c6c6f20776f726c640a"
            + "2226" + "0a24" + Vectors.Hex(Vectors.PatternRoot)
            + "2226" + "0a22" + Vectors.Hex(Vectors.HelloV0) + "1001"
            + "28ac02";
        Assert.Equal(expected, Convert.ToHexStringLower(BitswapMessageEncoder.Encode(message)));
    }

    [Fact]
    public void EncodedMessage_PrefixesTheBodyWithItsLength()
    {
        var message = new BitswapMessage { Wantlist = new BitswapWantlist([], Full: false) };

        using var encoded = EncodedMessage.Create(message);

        Assert.Equal("020a00", Convert.ToHexStringLower(encoded.ToArray()));
        Assert.Equal(2, encoded.BodyLength);
    }

    [Fact]
    public void EncodeThenDecode_RandomMessages_RoundTrip()
    {
        RandomMessages.Sample(original =>
        {
            var bytes = BitswapMessageEncoder.Encode(original);
            Assert.Equal(bytes.Length, BitswapMessageEncoder.GetEncodedLength(original));

            var decoded = BitswapMessageDecoder.Decode(bytes);

            Assert.Equal(original.Wantlist?.Full, decoded.Wantlist?.Full);
            Assert.Equal(original.Wantlist?.Entries ?? [], decoded.Wantlist?.Entries ?? []);
            Assert.Equal(original.BlockPresences, decoded.BlockPresences);
            Assert.Equal(original.PendingBytes, decoded.PendingBytes);
            Assert.Equal(original.Blocks.Count, decoded.Blocks.Count);
            for (var index = 0; index < original.Blocks.Count; index++)
            {
                Assert.Equal(original.Blocks[index].Prefix, decoded.Blocks[index].Prefix);
                Assert.Equal(original.Blocks[index].Data.ToArray(), decoded.Blocks[index].Data.ToArray());
            }

            Assert.Equal(bytes, BitswapMessageEncoder.Encode(decoded));
        }, iter: 400);
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrowsAnythingButFormatException()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                BitswapMessageDecoder.Decode(bytes);
            }
            catch (FormatException)
            {
                // Rejection is the expected outcome for most random input.
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Decode_MutatedValidMessages_NeverThrowsAnythingButFormatException()
    {
        Gen.Select(RandomMessages, Gen.Int[0, int.MaxValue], Gen.Byte).Sample((message, position, value) =>
        {
            var bytes = BitswapMessageEncoder.Encode(message);
            if (bytes.Length == 0)
            {
                return;
            }

            bytes[position % bytes.Length] = value;
            try
            {
                var decoded = BitswapMessageDecoder.Decode(bytes);
                BitswapMessageEncoder.Encode(decoded);
            }
            catch (FormatException)
            {
                // A mutation that breaks the structure must be rejected this way and no other.
            }
        }, iter: 5_000);
    }

    internal static Gen<BitswapMessage> RandomMessages { get; } = BuildGenerator();

    private static Gen<BitswapMessage> BuildGenerator()
    {
        var cid = Gen.Select(Gen.Byte.Array[0, 16], Gen.Int[0, 2]).Select((content, kind) => kind switch
        {
            0 => Cid.ForBlock(MulticodecCode.Raw, content),
            1 => Cid.ForBlock(MulticodecCode.DagPb, content),
            _ => Cid.CreateV0(Multihash.Sha256(content)),
        });
        var entry = Gen.Select(cid, Gen.Int, Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((c, priority, cancel, have, dontHave) => new WantlistEntry(c, priority, cancel, have ? WantType.Have : WantType.Block, dontHave));
        var wantlist = Gen.Select(entry.Array[0, 6], Gen.Bool).Select((entries, full) => new BitswapWantlist(entries, full)).Null();
        var block = Gen.Select(cid, Gen.Byte.Array[0, 64]).Select((c, data) => new BitswapBlock(CidPrefix.Of(c), data));
        var presence = Gen.Select(cid, Gen.Bool).Select((c, have) => new BlockPresence(c, have ? BlockPresenceType.Have : BlockPresenceType.DontHave));
        return Gen.Select(wantlist, block.Array[0, 4], presence.Array[0, 4], Gen.Int)
            .Select((w, blocks, presences, pending) => new BitswapMessage { Wantlist = w, Blocks = blocks, BlockPresences = presences, PendingBytes = pending });
    }
}
