using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Identity;

/// <summary>Reads a <see cref="PeerId"/> from its text form (configuration binding).</summary>
public sealed class PeerIdTypeConverter : TextTypeConverter<PeerId>
{
    /// <inheritdoc />
    protected override PeerId Parse(string text) => PeerId.Parse(text);
}
