using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Content negotiation over <c>Accept</c> (RFC 9110 §12.5.1) restricted to the two verifiable media types.</summary>
internal static class AcceptNegotiation
{
    /// <summary>Most media ranges read from one <c>Accept</c> header.</summary>
    public const int MaxMediaRanges = 32;

    /// <summary>What the client's <c>Accept</c> header says.</summary>
    internal enum Outcome
    {
        /// <summary>No <c>Accept</c>, or only wildcards: the client did not choose a verifiable type.</summary>
        NotSpecified,

        /// <summary>A supported type was chosen.</summary>
        Chosen,

        /// <summary>The client named types, none of which this gateway can produce.</summary>
        NotAcceptable,

        /// <summary>The header could not be parsed or has too many entries.</summary>
        Malformed,
    }

    /// <summary>Picks the acceptable supported type with the highest quality (first listed on a tie).</summary>
    public static Outcome Negotiate(IList<string> acceptValues, out ResponseFormat format, out string? reason)
    {
        format = ResponseFormat.Raw;
        reason = null;
        if (acceptValues.Count == 0 || acceptValues.All(string.IsNullOrWhiteSpace))
        {
            return Outcome.NotSpecified;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptValues, out var ranges) || ranges.Count > MaxMediaRanges)
        {
            reason = $"The Accept header is malformed or lists more than {MaxMediaRanges} media ranges.";
            return Outcome.Malformed;
        }

        var onlyWildcards = true;
        var bestQuality = 0.0;
        ResponseFormat? best = null;
        foreach (var range in ranges)
        {
            var mediaType = range.MediaType.Value ?? string.Empty;
            if (range.MatchesAllTypes || range.MatchesAllSubTypes)
            {
                continue;
            }

            onlyWildcards = false;
            var candidate = Classify(mediaType, range, ref reason);
            var quality = range.Quality ?? 1.0;
            if (candidate is not null && quality > bestQuality)
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        if (best is { } chosen)
        {
            format = chosen;
            return Outcome.Chosen;
        }

        if (onlyWildcards)
        {
            return Outcome.NotSpecified;
        }

        reason ??= $"None of the accepted media types can be served; ask for {GatewayMediaTypes.Raw} or {GatewayMediaTypes.Car}.";
        return Outcome.NotAcceptable;
    }

    /// <summary>The CAR parameter problems of the first CAR media range in <c>Accept</c>, if any.</summary>
    public static string? CheckCarParameters(IList<string> acceptValues)
    {
        if (!MediaTypeHeaderValue.TryParseList(acceptValues, out var ranges))
        {
            return null;
        }

        var car = ranges.FirstOrDefault(range =>
            string.Equals(range.MediaType.Value, GatewayMediaTypes.Car, StringComparison.OrdinalIgnoreCase));
        return car is null ? null : ParameterProblem(car);
    }

    private static ResponseFormat? Classify(string mediaType, MediaTypeHeaderValue range, ref string? reason)
    {
        if (string.Equals(mediaType, GatewayMediaTypes.Raw, StringComparison.OrdinalIgnoreCase))
        {
            return ResponseFormat.Raw;
        }

        if (string.Equals(mediaType, GatewayMediaTypes.FileBytes, StringComparison.OrdinalIgnoreCase))
        {
            return ResponseFormat.File;
        }

        if (!string.Equals(mediaType, GatewayMediaTypes.Car, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var problem = ParameterProblem(range);
        reason ??= problem;
        return problem is null ? ResponseFormat.Car : null;
    }

    private static string? ParameterProblem(MediaTypeHeaderValue range)
    {
        foreach (var parameter in range.Parameters)
        {
            var name = parameter.Name.Value?.ToLowerInvariant() ?? string.Empty;
            var value = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(parameter.Value).Value;
            if (CarParameters.Check(name, value) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
