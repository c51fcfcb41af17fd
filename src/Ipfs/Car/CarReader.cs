using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// Reads a CARv1 stream section by section, verifying each block against its CID. A stream that ends inside the header
/// or a section, an oversize section or an unparsable CID throws <see cref="CarFormatException"/>; a block whose bytes do
/// not match its CID throws <see cref="CorruptBlockException"/>. Only the end of the stream at a section boundary is a
/// clean end.
/// </summary>
public sealed class CarReader
{
    private readonly Stream _source;
    private readonly CarReaderOptions _options;
    private readonly byte[] _oneByte = new byte[1];

    private CarReader(Stream source, CarReaderOptions options, CarHeader header)
    {
        _source = source;
        _options = options;
        Header = header;
    }

    /// <summary>The decoded header.</summary>
    public CarHeader Header { get; }

    /// <summary>The roots named by the header.</summary>
    public IReadOnlyList<Cid> Roots => Header.Roots;

    /// <summary>Blocks read so far.</summary>
    public long BlocksRead { get; private set; }

    /// <summary>Bytes read so far, header included.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads and checks the header.</summary>
    public static async Task<CarReader> OpenAsync(Stream source, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new CarReaderOptions();
        options.Validate();
        var probe = new CarReader(source, options, new CarHeader([]));
        var length = await probe.ReadVarintAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CarFormatException("The stream is empty: a CAR starts with a header.");
        if (length == 0 || length > (ulong)options.MaxHeaderSize)
        {
            throw new CarFormatException($"The CAR header length {length} is outside 1..{options.MaxHeaderSize} bytes.");
        }

        var header = new byte[length];
        await probe.FillAsync(header, "the header", cancellationToken).ConfigureAwait(false);
        return new CarReader(source, options, CarHeader.Decode(header)) { BytesRead = probe.BytesRead };
    }

    /// <summary>The next verified block, or null at the clean end of the CAR. The block owns a fresh array.</summary>
    public async ValueTask<Block?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        var length = await ReadVarintAsync(cancellationToken).ConfigureAwait(false);
        if (length is null)
        {
            return null;
        }

        var maxSection = (ulong)(_options.MaxBlockSize + Cid.MaxBinaryLength);
        if (length == 0 || length > maxSection)
        {
            throw new CarFormatException($"Section {BlocksRead} announces {length} bytes, outside 1..{maxSection}.");
        }

        var section = new byte[length.Value];
        await FillAsync(section, $"section {BlocksRead}", cancellationToken).ConfigureAwait(false);
        var cid = ParseCid(section, out var cidLength);
        var data = section.AsMemory(cidLength);
        if (data.Length > _options.MaxBlockSize)
        {
            throw new CarFormatException($"Block {cid} is {data.Length} bytes, more than the limit of {_options.MaxBlockSize}.");
        }

        var block = Verify(cid, data);
        BlocksRead++;
        return block;
    }

    private Block Verify(Cid cid, ReadOnlyMemory<byte> data)
    {
        try
        {
            return Block.Verify(cid, data);
        }
        catch (NotSupportedException exception)
        {
            // A hash this node cannot compute: the block cannot be verified, so the CAR is refused like any other bad section.
            throw new CarFormatException($"Section {BlocksRead} holds block {cid}, which cannot be verified: {exception.Message}", exception);
        }
    }

    private Cid ParseCid(byte[] section, out int cidLength)
    {
        try
        {
            return Cid.Read(section, out cidLength);
        }
        catch (FormatException exception)
        {
            throw new CarFormatException($"Section {BlocksRead} does not start with a valid CID: {exception.Message}", exception);
        }
    }

    /// <summary>Reads a varint byte by byte (once per section); null when the stream ends before its first byte.</summary>
    private async ValueTask<ulong?> ReadVarintAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[Varint.MaxLength];
        for (var index = 0; index < Varint.MaxLength; index++)
        {
            var read = await _source.ReadAsync(_oneByte, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (index == 0)
                {
                    return null;
                }

                throw new CarFormatException($"The CAR is truncated inside a length prefix after {BytesRead} bytes.");
            }

            BytesRead++;
            buffer[index] = _oneByte[0];
            if ((_oneByte[0] & 0x80) == 0)
            {
                try
                {
                    return Varint.Read(buffer.AsSpan(0, index + 1), out _);
                }
                catch (FormatException exception)
                {
                    throw new CarFormatException($"A CAR length prefix is invalid: {exception.Message}", exception);
                }
            }
        }

        throw new CarFormatException("A CAR length prefix is longer than 9 bytes.");
    }

    private async ValueTask FillAsync(byte[] destination, string what, CancellationToken cancellationToken)
    {
        var read = await _source.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        BytesRead += read;
        if (read < destination.Length)
        {
            throw new CarFormatException($"The CAR is truncated: {what} needs {destination.Length} bytes but only {read} remain.");
        }
    }
}
