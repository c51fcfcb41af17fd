using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Addressing;

/// <summary>Reads a <see cref="Multiaddr"/> from its text form (configuration binding).</summary>
public sealed class MultiaddrTypeConverter : TextTypeConverter<Multiaddr>
{
    /// <inheritdoc />
    protected override Multiaddr Parse(string text) => Multiaddr.Parse(text);
}
