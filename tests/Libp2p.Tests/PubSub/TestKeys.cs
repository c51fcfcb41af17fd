using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>Deterministic Ed25519 keys for pubsub tests.</summary>
internal static class TestKeys
{
    public static PrivateKey FromIndex(int index)
    {
        var seed = new byte[32];
        seed[0] = 0x50;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(seed.AsSpan(28), index + 1);
        return Ed25519PrivateKey.FromSeed(seed);
    }

    public static PrivateKey SpecSeedOne()
    {
        var seed = new byte[32];
        seed[31] = 1;
        return Ed25519PrivateKey.FromSeed(seed);
    }
}
