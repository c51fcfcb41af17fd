using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>CIDv1 values for tests: a sha2-256 multihash whose 32 digest bytes are all <c>fill</c>.</summary>
public static class TestCids
{
    /// <summary>Codec raw (0x55).</summary>
    public static Cid Raw(byte fill) => Of(0x55, fill);

    /// <summary>The given codec (one-byte varint).</summary>
    public static Cid Of(byte codec, byte fill) => Cid.FromBytes([0x01, codec, 0x12, 0x20, .. Enumerable.Repeat(fill, 32)]);
}
