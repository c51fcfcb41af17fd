using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Turns an HTTP request into a <see cref="GatewayRequest"/> or a <see cref="GatewayProblem"/> (400 bad CID or parameter,
/// 404 unknown path, 406 unacceptable type, 501 unsupported feature). Serves <c>/ipfs/{cid}[/path]</c>; no IPNS
/// (a documented limit of this gateway).
/// </summary>
internal static class GatewayRequestParser
{
    private const string IpfsPrefix = "/ipfs/";
    private const int MaxFileNameLength = 255;

    public static GatewayProblem? TryParse(HttpRequest request, out GatewayRequest? parsed)
    {
        parsed = null;
        var path = request.Path.Value ?? string.Empty;
        if (path.StartsWith("/ipns/", StringComparison.Ordinal))
        {
            return new GatewayProblem(StatusCodes.Status501NotImplemented, "This gateway serves immutable /ipfs/{cid} content only; IPNS is not supported.");
        }

        if (!path.StartsWith(IpfsPrefix, StringComparison.Ordinal))
        {
            return new GatewayProblem(StatusCodes.Status404NotFound, "Not found: this trustless gateway serves /ipfs/{cid} only.");
        }

        var rest = path[IpfsPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var cidText = slash < 0 ? rest : rest[..slash];
        var contentPath = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!Cid.TryParse(cidText, out var cid) || cid is null)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, $"'{CarParameters.Shorten(cidText)}' is not a valid CID.");
        }

        if (cid.Hash.Code is not (MulticodecCode.Sha2_256 or MulticodecCode.Identity))
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest,
                $"CID {cid} uses hash function 0x{cid.Hash.Code:x}; this gateway verifies and serves only sha2-256 and identity CIDs.");
        }

        if (NegotiateFormat(request, out var format, out var formatInQuery) is { } formatProblem)
        {
            return formatProblem;
        }

        if (contentPath.Length > 0 && format == ResponseFormat.Raw)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, "Raw block requests take no content path: request /ipfs/{cid} of the block itself.");
        }

        if (ContentPathSegments.Parse(contentPath, out var segments) is { } pathProblem)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, pathProblem);
        }

        var scope = DagScope.All;
        if (format == ResponseFormat.Car && ParseCarQuery(request.Query, out scope) is { } carProblem)
        {
            return carProblem;
        }

        EntityBytes? entityBytes = null;
        if (format == ResponseFormat.Car && ParseEntityBytes(request.Query, out entityBytes) is { } rangeProblem)
        {
            return rangeProblem;
        }

        if (ParseFileName(request.Query, cid, format, out var fileName) is { } nameProblem)
        {
            return nameProblem;
        }

        var onlyIfCached = request.Headers.CacheControl.Any(value =>
            value?.Contains("only-if-cached", StringComparison.OrdinalIgnoreCase) == true);
        parsed = new GatewayRequest(cid, format, formatInQuery, scope, fileName, onlyIfCached) { ContentPath = segments, EntityBytes = entityBytes };
        return null;
    }

    private static GatewayProblem? NegotiateFormat(HttpRequest request, out ResponseFormat format, out bool formatInQuery)
    {
        format = ResponseFormat.Raw;
        var formats = request.Query["format"];
        formatInQuery = formats.Count > 0;
        if (formats.Count > 1)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, "format is given more than once; give it once.");
        }

        var accept = request.Headers.Accept;
        if (formatInQuery)
        {
            switch (formats.ToString())
            {
                case "raw":
                    format = ResponseFormat.Raw;
                    return null;
                case "car":
                    format = ResponseFormat.Car;
                    return AcceptNegotiation.CheckCarParameters(accept) is { } problem
                        ? new GatewayProblem(StatusCodes.Status406NotAcceptable, problem)
                        : null;
                default:
                    return new GatewayProblem(StatusCodes.Status400BadRequest,
                        $"format={CarParameters.Shorten(formats.ToString())} is not supported: a trustless gateway serves format=raw and format=car.");
            }
        }

        return AcceptNegotiation.Negotiate(accept, out format, out var reason) switch
        {
            AcceptNegotiation.Outcome.Chosen => null,
            AcceptNegotiation.Outcome.NotAcceptable => new GatewayProblem(StatusCodes.Status406NotAcceptable, reason!),
            AcceptNegotiation.Outcome.Malformed => new GatewayProblem(StatusCodes.Status400BadRequest, reason!),
            _ => new GatewayProblem(StatusCodes.Status400BadRequest,
                $"This is a trustless gateway: ask for a verifiable response with ?format=raw or ?format=car, or Accept: {GatewayMediaTypes.Raw} or {GatewayMediaTypes.Car}."),
        };
    }

    private static GatewayProblem? ParseCarQuery(IQueryCollection query, out DagScope scope)
    {
        scope = DagScope.All;
        if (CarParameters.CheckQuery(name => query[name]) is { } problem)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, problem);
        }

        var scopes = query["dag-scope"];
        switch (scopes.Count > 1 ? null : scopes.ToString())
        {
            case "" or "all":
                return null;
            case "entity":
                scope = DagScope.Entity;
                return null;
            case "block":
                scope = DagScope.Block;
                return null;
            default:
                return new GatewayProblem(StatusCodes.Status400BadRequest, "dag-scope must be given once, as all, entity or block.");
        }
    }

    private static GatewayProblem? ParseEntityBytes(IQueryCollection query, out EntityBytes? entityBytes)
    {
        entityBytes = null;
        if (!query.TryGetValue("entity-bytes", out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest, "entity-bytes must be given once.");
        }

        entityBytes = EntityBytes.Parse(values.ToString(), out var problem);
        return problem is null ? null : new GatewayProblem(StatusCodes.Status400BadRequest, problem);
    }

    private static GatewayProblem? ParseFileName(IQueryCollection query, Cid cid, ResponseFormat format, out string fileName)
    {
        fileName = cid + (format == ResponseFormat.Car ? ".car" : ".bin");
        var names = query["filename"];
        if (names.Count == 0)
        {
            return null;
        }

        var name = names.ToString();
        if (names.Count > 1 || name.Length is 0 or > MaxFileNameLength || name.Any(IsUnsafeInFileName))
        {
            return new GatewayProblem(StatusCodes.Status400BadRequest,
                $"filename must be given once, 1 to {MaxFileNameLength} printable characters without quotes, backslashes or slashes.");
        }

        fileName = name;
        return null;
    }

    private static bool IsUnsafeInFileName(char character) =>
        char.IsControl(character) || character is '"' or '\\' or '/';
}
