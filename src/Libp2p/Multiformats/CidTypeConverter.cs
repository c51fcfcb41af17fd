namespace DePinGpu.Libp2p.Multiformats;

/// <summary>Reads a <see cref="Cid"/> from its text form (configuration binding).</summary>
public sealed class CidTypeConverter : TextTypeConverter<Cid>
{
    /// <inheritdoc />
    protected override Cid Parse(string text) => Cid.Parse(text);
}
