using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// Streams a CARv1: the header, then one <c>varint(len) ‖ cid ‖ block</c> section per block, straight to the destination
/// (nothing is buffered beyond one section header). The caller decides which blocks and in which order; the CAR exporter
/// writes a DAG depth-first without duplicates.
/// </summary>
public sealed class CarWriter
{
    private readonly Stream _destination;
    private readonly byte[] _sectionHead = new byte[Varint.MaxLength + Cid.MaxBinaryLength];

    private CarWriter(Stream destination)
    {
        _destination = destination;
    }

    /// <summary>Bytes written so far, header included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Blocks written so far.</summary>
    public long BlocksWritten { get; private set; }

    /// <summary>Writes the header for <paramref name="roots"/> and returns a writer for the sections.</summary>
    public static async Task<CarWriter> CreateAsync(Stream destination, IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var header = new CarHeader(roots).Encode();
        var prefix = Varint.Encode((ulong)header.Length);
        var writer = new CarWriter(destination);
        await destination.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        writer.BytesWritten = prefix.Length + header.Length;
        return writer;
    }

    /// <summary>Writes one section. The writer trusts that <paramref name="data"/> matches <paramref name="cid"/>.</summary>
    public async ValueTask WriteBlockAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var cidBytes = cid.Bytes;
        var length = Varint.Write((ulong)(cidBytes.Length + data.Length), _sectionHead);
        cidBytes.CopyTo(_sectionHead.AsSpan(length));
        length += cidBytes.Length;
        await _destination.WriteAsync(_sectionHead.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        await _destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        BytesWritten += length + data.Length;
        BlocksWritten++;
    }
}
