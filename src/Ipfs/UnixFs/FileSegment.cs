namespace DePinGpu.Ipfs.UnixFs;

/// <summary>A run of file bytes inside a verified block; disposing releases the block's pooled memory.</summary>
internal sealed class FileSegment : IDisposable
{
    private readonly IDisposable _owner;

    public FileSegment(IDisposable owner, ReadOnlyMemory<byte> bytes)
    {
        _owner = owner;
        Bytes = bytes;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public void Dispose() => _owner.Dispose();
}
