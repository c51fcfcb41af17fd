using System.Globalization;
using System.Numerics;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Chain;

/// <summary>Token amounts as people write them ("1.5" tokens, 18 decimals) and as the chain keeps them (wei).</summary>
internal static class TokenAmount
{
    /// <summary>Decimals of the market's token.</summary>
    public const int Decimals = 18;

    /// <summary>Wei in one token.</summary>
    public static readonly BigInteger OneToken = BigInteger.Pow(10, Decimals);

    /// <summary>Parses "12", "0.5" (tokens) or "1000wei"; throws a usage error naming <paramref name="option"/>.</summary>
    public static BigInteger Parse(string? text, string option)
    {
        if (TryParse(text, out var wei))
        {
            return wei;
        }

        throw CliException.Usage($"{option} must be a token amount such as 10, 0.25 or 1000wei (at most {Decimals} decimals), not '{text}'.");
    }

    /// <summary>Parses an amount; false for anything malformed or negative.</summary>
    public static bool TryParse(string? text, out BigInteger wei)
    {
        wei = BigInteger.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80)
        {
            return false;
        }

        text = text.Trim();
        if (text.EndsWith("wei", StringComparison.OrdinalIgnoreCase))
        {
            return BigInteger.TryParse(text[..^3], NumberStyles.None, CultureInfo.InvariantCulture, out wei);
        }

        var parts = text.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && (parts[1].Length == 0 || parts[1].Length > Decimals)))
        {
            return false;
        }

        if (!BigInteger.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return false;
        }

        var fraction = BigInteger.Zero;
        if (parts.Length == 2 && !BigInteger.TryParse(parts[1].PadRight(Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
        {
            return false;
        }

        wei = (whole * OneToken) + fraction;
        return true;
    }

    /// <summary>Formats wei as tokens with no trailing zeros ("1.5", "0", "0.000000000000000001").</summary>
    public static string Format(BigInteger wei)
    {
        var sign = wei.Sign < 0 ? "-" : string.Empty;
        var absolute = BigInteger.Abs(wei);
        var whole = BigInteger.DivRem(absolute, OneToken, out var fraction);
        var fractionText = fraction.IsZero ? string.Empty : "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        return sign + whole.ToString(CultureInfo.InvariantCulture) + fractionText;
    }

    /// <summary>A per-second price (wei) as tokens per hour, the unit people compare.</summary>
    public static string PerHour(BigInteger weiPerSecond) => Format(weiPerSecond * 3600);

    /// <summary>A price in tokens per hour as wei per second (rounded down: never above what was asked).</summary>
    public static BigInteger PerSecondFromHourly(BigInteger weiPerHour) => weiPerHour / 3600;
}
