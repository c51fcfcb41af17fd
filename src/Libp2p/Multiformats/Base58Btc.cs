namespace DePinGpu.Libp2p.Multiformats;

/// <summary>Bitcoin's base58 alphabet, used for peer ids and CIDv0; each leading zero byte is written as '1'.</summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Longest text accepted by <see cref="Decode"/>; far above any id or CID, it bounds the quadratic work.</summary>
    public const int MaxTextLength = 1024;

    private static readonly sbyte[] DecodeMap = BuildDecodeMap();

    /// <summary>Encodes bytes as base58btc text.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256)/log(58) ≈ 1.366: enough digits for the remaining bytes.
        var digits = new byte[((data.Length - zeros) * 138 / 100) + 1];
        var length = 0;
        for (var index = zeros; index < data.Length; index++)
        {
            var carry = (int)data[index];
            for (var digit = 0; digit < length; digit++)
            {
                carry += digits[digit] << 8;
                digits[digit] = (byte)(carry % 58);
                carry /= 58;
            }

            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }

        var text = new char[zeros + length];
        text.AsSpan(0, zeros).Fill('1');
        for (var index = 0; index < length; index++)
        {
            text[zeros + index] = Alphabet[digits[length - 1 - index]];
        }

        return new string(text);
    }

    /// <summary>Decodes base58btc text; throws <see cref="FormatException"/> naming the bad character.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw new FormatException($"Base58 text of {text.Length} characters exceeds the limit of {MaxTextLength}.");
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        var bytes = new byte[(text.Length * 733 / 1000) + 1];
        var length = 0;
        for (var index = zeros; index < text.Length; index++)
        {
            var character = text[index];
            var value = character < 128 ? DecodeMap[character] : (sbyte)-1;
            if (value < 0)
            {
                throw new FormatException($"'{character}' at position {index} is not a base58btc character.");
            }

            var carry = (int)value;
            for (var position = 0; position < length; position++)
            {
                carry += bytes[position] * 58;
                bytes[position] = (byte)carry;
                carry >>= 8;
            }

            while (carry > 0)
            {
                bytes[length++] = (byte)carry;
                carry >>= 8;
            }
        }

        var result = new byte[zeros + length];
        for (var index = 0; index < length; index++)
        {
            result[zeros + index] = bytes[length - 1 - index];
        }

        return result;
    }

    private static sbyte[] BuildDecodeMap()
    {
        var map = new sbyte[128];
        Array.Fill(map, (sbyte)-1);
        for (var index = 0; index < Alphabet.Length; index++)
        {
            map[Alphabet[index]] = (sbyte)index;
        }

        return map;
    }
}
