using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Tests.Support;

/// <summary>A peer that claims one identity but signs with another key: its signatures must be rejected.</summary>
internal sealed class MisbehavingKey(PrivateKey claimed, PrivateKey signer) : PrivateKey
{
    public override KeyType Type => claimed.Type;

    public override PublicKey PublicKey => claimed.PublicKey;

    public override byte[] Sign(ReadOnlySpan<byte> data) => signer.Sign(data);

    public override byte[] ToProtobuf() => claimed.ToProtobuf();
}
