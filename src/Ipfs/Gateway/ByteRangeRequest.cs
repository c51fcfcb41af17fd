using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// What a request's <c>Range</c> header (RFC 9110 §14) asks of a representation of <c>size</c> bytes. One range of
/// <c>bytes</c> is honoured: <c>first-last</c>, open-ended <c>first-</c> and suffix <c>-count</c>. As the RFC allows, a
/// header that does not parse, names another unit or several ranges, or comes with an <c>If-Range</c> that does not match
/// the entity tag, is ignored (the whole representation is sent). A range that starts at or past the end, a zero-length
/// suffix, or any range of an empty representation is unsatisfiable (416).
/// </summary>
internal static class ByteRangeRequest
{
    /// <summary>The outcome of evaluating the request's range.</summary>
    internal enum Kind
    {
        /// <summary>No usable range: send everything with 200.</summary>
        Whole,

        /// <summary>Send <see cref="ByteRange"/> with 206.</summary>
        Partial,

        /// <summary>Answer 416 with <c>Content-Range: bytes */size</c>.</summary>
        Unsatisfiable,
    }

    public static Kind Evaluate(HttpRequest request, string entityTag, ulong size, out ByteRange range)
    {
        range = new ByteRange(0, size);
        var header = request.Headers.Range;
        if (header.Count != 1 || !RangeHeaderValue.TryParse(header.ToString(), out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return Kind.Whole;
        }

        if (request.Headers.IfRange.Count > 0 && request.Headers.IfRange.ToString() != entityTag)
        {
            return Kind.Whole;
        }

        var only = parsed.Ranges.First();
        return Resolve(only.From, only.To, size, ref range);
    }

    private static Kind Resolve(long? from, long? to, ulong size, ref ByteRange range)
    {
        if (from is { } first)
        {
            if ((ulong)first >= size)
            {
                return Kind.Unsatisfiable;
            }

            var last = to is { } given ? Math.Min((ulong)given, size - 1) : size - 1;
            range = new ByteRange((ulong)first, last + 1);
            return Kind.Partial;
        }

        var suffix = (ulong)(to ?? 0);
        if (suffix == 0 || size == 0)
        {
            return Kind.Unsatisfiable;
        }

        range = new ByteRange(size - Math.Min(suffix, size), size);
        return Kind.Partial;
    }
}
