using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// The CARv1 header <c>{"roots": [CID…], "version": 1}</c> in canonical dag-cbor (keys "roots" then "version", each
/// root a tag-42 byte string with the 0x00 multibase prefix). Decoding accepts only that shape and reports a CARv2 pragma
/// as unsupported.
/// </summary>
public sealed class CarHeader
{
    /// <summary>The most roots a header may list.</summary>
    public const int MaxRoots = 1024;

    /// <summary>Creates a header for <paramref name="roots"/>.</summary>
    public CarHeader(IReadOnlyList<Cid> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count > MaxRoots)
        {
            throw new ArgumentException($"A CAR header may list at most {MaxRoots} roots, not {roots.Count}.", nameof(roots));
        }

        Roots = roots;
    }

    /// <summary>The DAG roots the CAR carries.</summary>
    public IReadOnlyList<Cid> Roots { get; }

    /// <summary>The dag-cbor encoding (without the varint length prefix).</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter();
        writer.WriteHead(CborWriter.MajorMap, 2);
        writer.WriteText("roots");
        writer.WriteHead(CborWriter.MajorArray, (ulong)Roots.Count);
        foreach (var root in Roots)
        {
            writer.WriteCidLink(root);
        }

        writer.WriteText("version");
        writer.WriteHead(CborWriter.MajorUnsigned, 1);
        return writer.ToArray();
    }

    /// <summary>Decodes a header; anything but a CARv1 header throws <see cref="CarFormatException"/>.</summary>
    public static CarHeader Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new CborReader(bytes);
            var fields = reader.ReadHead(CborWriter.MajorMap, "header");
            List<Cid>? roots = null;
            ulong? version = null;
            for (ulong field = 0; field < fields; field++)
            {
                var key = reader.ReadText();
                switch (key)
                {
                    case "roots" when roots is null:
                        roots = ReadRoots(ref reader);
                        break;
                    case "version" when version is null:
                        version = reader.ReadHead(CborWriter.MajorUnsigned, "version");
                        break;
                    default:
                        throw new FormatException($"unexpected or duplicate header field '{key}'");
                }
            }

            reader.ExpectEnd();
            return Validate(version, roots);
        }
        catch (FormatException exception)
        {
            throw new CarFormatException($"The CAR header is invalid: {exception.Message}.", exception);
        }
    }

    private static CarHeader Validate(ulong? version, List<Cid>? roots)
    {
        if (version == 2)
        {
            throw new CarFormatException("This is a CARv2 file; only CARv1 is supported (export it as CARv1).");
        }

        if (version != 1)
        {
            throw new FormatException(version is null ? "the version is missing" : $"version {version} is not 1");
        }

        return new CarHeader(roots ?? throw new FormatException("the roots are missing"));
    }

    private static List<Cid> ReadRoots(ref CborReader reader)
    {
        var count = reader.ReadHead(CborWriter.MajorArray, "roots");
        if (count > MaxRoots)
        {
            throw new FormatException($"{count} roots exceed the limit of {MaxRoots}");
        }

        var roots = new List<Cid>((int)count);
        for (ulong index = 0; index < count; index++)
        {
            roots.Add(reader.ReadCidLink());
        }

        return roots;
    }
}
