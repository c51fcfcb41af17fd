using System.Globalization;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Chain;

/// <summary>Durations as people write them: 90s, 30m, 2h, 1d, or combined 1h30m.</summary>
internal static class DurationText
{
    /// <summary>The longest duration accepted (a year), so arithmetic never overflows.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary>Parses <paramref name="text"/>; throws a usage error naming <paramref name="option"/>.</summary>
    public static TimeSpan Parse(string? text, string option) =>
        TryParse(text, out var duration)
            ? duration
            : throw CliException.Usage($"{option} must be a duration such as 90s, 30m, 2h or 1d (at most 366d), not '{text}'.");

    /// <summary>Parses a duration; false for anything malformed, zero or too long.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var index = 0;
        long seconds = 0;
        while (index < text.Length)
        {
            var start = index;
            while (index < text.Length && char.IsAsciiDigit(text[index]))
            {
                index++;
            }

            if (index == start || index == text.Length || !long.TryParse(text.AsSpan(start, index - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 40_000_000)
            {
                return false;
            }

            long? unit = text[index] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86_400, _ => null };
            if (unit is null)
            {
                return false;
            }

            seconds += number * unit.Value;
            index++;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return seconds > 0 && duration <= Longest;
    }

    /// <summary>Formats a duration compactly (1h30m, 45s).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add($"{duration.Days}d");
        }

        if (duration.Hours > 0)
        {
            parts.Add($"{duration.Hours}h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes}m");
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Seconds}s");
        }

        return string.Concat(parts);
    }
}
