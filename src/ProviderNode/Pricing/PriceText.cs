using System.Globalization;
using System.Numerics;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Reads prices written as decimal integers of at most 78 digits (any uint256).</summary>
internal static class PriceText
{
    private static readonly BigInteger Max = (BigInteger.One << 256) - 1;

    public static BigInteger? Parse(string? text)
    {
        if (text is null || text.Length is 0 or > 78 || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= Max ? value : null;
    }
}
