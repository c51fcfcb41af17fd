using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Gateway middleware: authenticates the tenant signature (401 when present but invalid), refuses a request whose root
/// CID the requester may not read (403, the same answer whether or not the node holds the block), and runs the rest of
/// the request inside the requester's <see cref="AccessScope"/> so every block it reads is checked too.
/// </summary>
internal sealed class GatewayAccessGuard
{
    private readonly GatewayAccess _access;
    private readonly ILogger _logger;

    public GatewayAccessGuard(GatewayAccess access, ILogger logger)
    {
        _access = access;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var requester = _access.Authenticator.Authenticate(context.Request, out var problem);
        if (requester is null)
        {
            AccessLog.SignatureRefused(_logger, context.Request.Path, problem!);
            await RespondAsync(context, StatusCodes.Status401Unauthorized, problem!);
            return;
        }

        if (RootOf(context.Request.Path) is { } root && !_access.Policy.MayServe(root, requester))
        {
            AccessLog.Forbidden(_logger, root.ToString(), requester.Peer?.ToString() ?? requester.TenantAddress ?? "anonymous");
            await RespondAsync(context, StatusCodes.Status403Forbidden,
                $"{root} is a checkpoint readable only by its lease's providers and tenant; sign the request as the tenant.");
            return;
        }

        using (AccessScope.Enter(requester))
        {
            await next(context);
        }
    }

    private static Cid? RootOf(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (!value.StartsWith("/ipfs/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = value["/ipfs/".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Cid.TryParse(slash < 0 ? rest : rest[..slash], out var cid) ? cid : null;
    }

    private static async Task RespondAsync(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var body = System.Text.Encoding.UTF8.GetBytes(message + "\n");
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
