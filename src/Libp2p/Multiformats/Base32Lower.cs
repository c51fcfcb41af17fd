namespace DePinGpu.Libp2p.Multiformats;

/// <summary>RFC 4648 base32, lower case, no padding: the multibase 'b' encoding of CIDv1 text.</summary>
public static class Base32Lower
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Encodes bytes as lower-case base32 without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new char[((data.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var position = 0;
        foreach (var value in data)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[position++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            text[position++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(text, 0, position);
    }

    /// <summary>Decodes base32 (either case, no padding); rejects bad characters and non-zero trailing bits.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        var result = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var position = 0;
        for (var index = 0; index < text.Length; index++)
        {
            buffer = (buffer << 5) | ValueOf(text[index], index);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result[position++] = (byte)(buffer >> bits);
            }
        }

        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0)
        {
            throw new FormatException("Base32 text has trailing bits that do not form a whole byte.");
        }

        return result;
    }

    private static int ValueOf(char character, int index) => character switch
    {
        >= 'a' and <= 'z' => character - 'a',
        >= 'A' and <= 'Z' => character - 'A',
        >= '2' and <= '7' => character - '2' + 26,
        _ => throw new FormatException($"'{character}' at position {index} is not a base32 character."),
    };
}
