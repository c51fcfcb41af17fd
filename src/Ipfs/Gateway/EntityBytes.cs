using System.Globalization;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// The trustless gateway's <c>entity-bytes=from:to</c> (IPIP-402): the CAR holds only the blocks needed to read those bytes
/// of a UnixFS file. <c>from</c> is an offset, negative from the end; <c>to</c> is an inclusive offset, negative from the
/// end, or <c>*</c> for the last byte.
/// </summary>
/// <param name="From">First byte (negative: counted from the end).</param>
/// <param name="To">Last byte, inclusive (negative: counted from the end), or null for <c>*</c>.</param>
internal sealed record EntityBytes(long From, long? To)
{
    /// <summary>Parses the query value; null (with a reason) when malformed.</summary>
    public static EntityBytes? Parse(string value, out string? problem)
    {
        problem = null;
        var parts = value.Split(':');
        if (parts.Length == 2 && TryParseOffset(parts[0], out var from)
            && (parts[1] == "*" || TryParseOffset(parts[1], out _)))
        {
            long? to = parts[1] == "*" ? null : long.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (from >= 0 && to is >= 0 && to < from)
            {
                problem = $"entity-bytes={CarParameters.Shorten(value)} ends before it starts.";
                return null;
            }

            return new EntityBytes(from, to);
        }

        problem = $"entity-bytes={CarParameters.Shorten(value)} is malformed: give from:to with integers (negative counts from the end) and to possibly *.";
        return null;
    }

    /// <summary>The byte range in a file of <paramref name="size"/> bytes; empty when nothing of the file is in it.</summary>
    public ByteRange Resolve(ulong size)
    {
        var start = From >= 0 ? (ulong)From : size - Math.Min(size, (ulong)(-From));
        var last = To switch
        {
            null => (long)size - 1,
            >= 0 and var to => Math.Min(to, (long)size - 1),
            var to => (long)size + to,
        };
        return last < 0 || (ulong)last < start ? new ByteRange(start, start) : new ByteRange(start, (ulong)last + 1);
    }

    private static bool TryParseOffset(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value > long.MinValue;
}
