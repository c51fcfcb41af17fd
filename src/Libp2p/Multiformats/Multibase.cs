namespace DePinGpu.Libp2p.Multiformats;

/// <summary>Multibase text: one prefix character naming the base, then the encoded bytes.</summary>
public static class Multibase
{
    /// <summary>Encodes with the prefix of <paramref name="encoding"/>.</summary>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data) => encoding switch
    {
        MultibaseEncoding.Base32Lower => "b" + Base32Lower.Encode(data),
        MultibaseEncoding.Base58Btc => "z" + Base58Btc.Encode(data),
        MultibaseEncoding.Base16Lower => "f" + Convert.ToHexStringLower(data),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown multibase encoding."),
    };

    /// <summary>Decodes multibase text with prefix b/B (base32), z (base58btc) or f/F (base16).</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new FormatException("Multibase text is empty.");
        }

        var body = text.AsSpan(1);
        return text[0] switch
        {
            'b' or 'B' => Base32Lower.Decode(body),
            'z' => Base58Btc.Decode(body.ToString()),
            'f' or 'F' => DecodeHex(body),
            _ => throw new FormatException($"Multibase prefix '{text[0]}' is not supported (use b, z or f)."),
        };
    }

    private static byte[] DecodeHex(ReadOnlySpan<char> body)
    {
        try
        {
            return Convert.FromHexString(body);
        }
        catch (FormatException exception)
        {
            throw new FormatException("Multibase base16 text is not valid hex.", exception);
        }
    }
}
