namespace DePinGpu.Ipfs.Gateway;

/// <summary>A run of bytes of an entity: <see cref="Start"/> and the exclusive <see cref="End"/>.</summary>
internal readonly record struct ByteRange(ulong Start, ulong End)
{
    public ulong Length => End - Start;

    /// <summary>The HTTP form of the range (<c>first-last</c>, both inclusive).</summary>
    public string ToContentRange(ulong size) => $"bytes {Start}-{End - 1}/{size}";
}
