using System.Globalization;

namespace DePinGpu.Protocol.Errors;

/// <summary>Formats revert values for messages.</summary>
internal static class RevertText
{
    /// <summary>Unix seconds as a UTC time.</summary>
    public static string Time(ulong unixSeconds) =>
        unixSeconds > 253_402_300_799UL
            ? unixSeconds.ToString(CultureInfo.InvariantCulture)
            : DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A bytes32 that holds short ASCII text (a parameter or field name).</summary>
    public static string Bytes32Text(byte[]? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var length = Array.IndexOf(value, (byte)0);
        var text = value.AsSpan(0, length < 0 ? value.Length : length);
        foreach (var b in text)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return "0x" + Convert.ToHexStringLower(value);
            }
        }

        return System.Text.Encoding.ASCII.GetString(text);
    }

    /// <summary>A bytes32 as hex.</summary>
    public static string Bytes32Hex(byte[]? value) => value is null ? "0x" : "0x" + Convert.ToHexStringLower(value);
}
