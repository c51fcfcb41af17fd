namespace DePinGpu.Protocol.Clients;

/// <summary>Converts the contracts' unix-second fields.</summary>
internal static class ChainTime
{
    public static DateTimeOffset At(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253_402_300_799UL));

    public static DateTimeOffset? AtOrNull(ulong unixSeconds) => unixSeconds == 0 ? null : At(unixSeconds);

    public static TimeSpan Span(ulong seconds) => TimeSpan.FromSeconds(Math.Min(seconds, (ulong)TimeSpan.MaxValue.TotalSeconds - 1));

    public static ulong Seconds(TimeSpan span) =>
        span < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(span), "A duration cannot be negative.") : (ulong)span.TotalSeconds;
}
