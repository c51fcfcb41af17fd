using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// The libp2p Noise handshake payload: <c>identity_key</c> (1), <c>identity_sig</c> (2) and
/// <c>extensions</c> (4, holding <c>stream_muxers</c> as field 2).
/// </summary>
internal sealed record NoiseHandshakePayload(byte[] IdentityKey, byte[] IdentitySignature, IReadOnlyList<string> StreamMuxers)
{
    /// <summary>Longest payload accepted; real ones are a few hundred bytes.</summary>
    public const int MaxLength = 8192;

    /// <summary>Most muxer names accepted in the extensions.</summary>
    public const int MaxStreamMuxers = 16;

    public byte[] Encode()
    {
        var writer = new ProtobufWriter(IdentityKey.Length + IdentitySignature.Length + 32)
            .WriteBytes(1, IdentityKey)
            .WriteBytes(2, IdentitySignature);
        if (StreamMuxers.Count > 0)
        {
            var extensions = new ProtobufWriter();
            foreach (var muxer in StreamMuxers)
            {
                extensions.WriteString(2, muxer);
            }

            writer.WriteMessage(4, extensions);
        }

        return writer.ToArray();
    }

    public static NoiseHandshakePayload Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length > MaxLength)
        {
            throw new FormatException($"A {encoded.Length}-byte Noise payload exceeds the limit of {MaxLength} bytes.");
        }

        byte[]? key = null;
        byte[]? signature = null;
        var muxers = new List<string>();
        var reader = new ProtobufReader(encoded);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    key = reader.ReadBytes(wireType).ToArray();
                    break;
                case 2:
                    signature = reader.ReadBytes(wireType).ToArray();
                    break;
                case 4:
                    ReadExtensions(reader.ReadBytes(wireType), muxers);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (key is null || signature is null)
        {
            throw new FormatException("The Noise payload lacks the identity key or its signature.");
        }

        return new NoiseHandshakePayload(key, signature, muxers);
    }

    private static void ReadExtensions(ReadOnlySpan<byte> encoded, List<string> muxers)
    {
        var reader = new ProtobufReader(encoded);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 2)
            {
                if (muxers.Count >= MaxStreamMuxers)
                {
                    throw new FormatException($"The Noise payload lists more than {MaxStreamMuxers} stream muxers.");
                }

                muxers.Add(reader.ReadString(wireType));
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }
}
