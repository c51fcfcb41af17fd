using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Serves one trustless gateway request: method and body checks, the concurrency limit, parsing and negotiation, then a
/// verified raw block or a streamed CAR. A block whose stored bytes no longer hash to its CID is never served.
/// </summary>
internal sealed class GatewayRequestHandler
{
    private const string ImmutableCacheControl = "public, max-age=29030400, immutable";

    private readonly IBlockStore _store;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    public GatewayRequestHandler(IBlockStore store, GatewayOptions options, ILogger logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await RefuseAsync(context, new GatewayProblem(StatusCodes.Status405MethodNotAllowed, "This gateway is read-only: use GET or HEAD."));
            return;
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            await RefuseAsync(context, new GatewayProblem(StatusCodes.Status413PayloadTooLarge, "Requests to this read-only gateway carry no body."));
            return;
        }

        if (!_slots.Wait(0))
        {
            GatewayLog.TooBusy(_logger, _options.MaxConcurrentRequests);
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, new GatewayProblem(StatusCodes.Status429TooManyRequests, "The gateway is serving its maximum of concurrent requests; retry shortly."));
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(_options.ResponseTimeout);
            await ServeAsync(context, timeout.Token);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (GatewayRequestParser.TryParse(context.Request, out var parsed) is { } problem)
        {
            await RefuseAsync(context, problem);
            return;
        }

        var request = parsed!;
        if (request.NeedsResolution)
        {
            await new ResolvedContentResponder(_store, _options, _logger, RefuseAsync).ServeAsync(context, request, cancellationToken);
            return;
        }

        var etag = EntityTag(request);
        if (IsNotModified(context.Request, etag))
        {
            SetContentHeaders(context, request, etag);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        using var root = await ReadRootAsync(context, request, cancellationToken);
        if (root is null)
        {
            return;
        }

        if (request.Format == ResponseFormat.Raw)
        {
            await ServeRawAsync(context, request, etag, root.Memory, cancellationToken);
        }
        else
        {
            await ServeCarAsync(context, request, etag, root.Memory, cancellationToken);
        }
    }

    /// <summary>Reads and verifies the root block; answers 404/412/500 itself and returns null when it cannot be served.</summary>
    private async Task<System.Buffers.IMemoryOwner<byte>?> ReadRootAsync(HttpContext context, GatewayRequest request, CancellationToken cancellationToken)
    {
        var cid = request.Cid;
        System.Buffers.IMemoryOwner<byte>? owner;
        try
        {
            owner = await _store.RentAsync(cid, cancellationToken);
        }
        catch (CorruptBlockException)
        {
            owner = null;
            GatewayLog.CorruptBlock(_logger, cid.ToString());
            await RefuseAsync(context, CorruptProblem(cid));
            return null;
        }

        if (owner is null)
        {
            await RefuseAsync(context, request.OnlyIfCached
                ? new GatewayProblem(StatusCodes.Status412PreconditionFailed, $"Block {cid} is not in this gateway's store (only-if-cached).")
                : new GatewayProblem(StatusCodes.Status404NotFound, $"Block {cid} is not in this gateway's store."));
            return null;
        }

        if (!cid.Hash.Matches(owner.Memory.Span))
        {
            owner.Dispose();
            GatewayLog.CorruptBlock(_logger, cid.ToString());
            await RefuseAsync(context, CorruptProblem(cid));
            return null;
        }

        return owner;
    }

    private async Task ServeRawAsync(HttpContext context, GatewayRequest request, string etag, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var response = context.Response;
        SetContentHeaders(context, request, etag);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GatewayMediaTypes.Raw;
        response.ContentLength = block.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(block, cancellationToken);
        }

        GatewayLog.Served(_logger, context.Request.Method, context.Request.Path, response.StatusCode, "raw");
    }

    private async Task ServeCarAsync(HttpContext context, GatewayRequest request, string etag, ReadOnlyMemory<byte> rootData, CancellationToken cancellationToken)
    {
        if (CarPlan.Decide(request.Cid, rootData, request.Scope, _options, out var wholeDag) is { } problem)
        {
            await RefuseAsync(context, problem);
            return;
        }

        var response = context.Response;
        SetContentHeaders(context, request, etag);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GatewayMediaTypes.CarResponse;
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return;
        }

        try
        {
            var result = await CarResponseWriter.WriteAsync(_store, request.Cid, wholeDag, response.Body, _options, cancellationToken);
            GatewayLog.CarServed(_logger, request.Cid.ToString(), result.BlockCount, result.ByteCount);
        }
        catch (Exception exception) when (exception is IOException or FormatException or NotSupportedException or InvalidDataException or OperationCanceledException)
        {
            // The 200 status is already sent: cutting the connection is the only way to tell the client the CAR is incomplete
            // (a clean end could pass for a complete CAR at a section boundary).
            var reason = exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested
                ? $"the response took longer than {_options.ResponseTimeout}"
                : exception.Message;
            GatewayLog.CarAborted(_logger, request.Cid.ToString(), reason);
            context.Abort();
        }
    }

    private void SetContentHeaders(HttpContext context, GatewayRequest request, string etag)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = ImmutableCacheControl;
        headers.Vary = "Accept";
        headers["X-Ipfs-Path"] = "/ipfs/" + request.Cid;
        headers["X-Ipfs-Roots"] = request.Cid.ToString();
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(request.FileName);
        headers.ContentDisposition = disposition.ToString();
        if (!request.FormatInQuery)
        {
            var format = request.Format == ResponseFormat.Raw ? "raw" : "car";
            headers.ContentLocation = $"/ipfs/{request.Cid}?format={format}";
        }
    }

    private static string EntityTag(GatewayRequest request) => request.Format == ResponseFormat.Raw
        ? $"\"{request.Cid}.raw\""
        : $"W/\"{request.Cid}.car.dfs.n.{request.Scope.ToString().ToLowerInvariant()}\"";

    internal static bool IsNotModified(HttpRequest request, string etag)
    {
        var ours = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Value == ours);
    }

    private static GatewayProblem CorruptProblem(Cid cid) => new(StatusCodes.Status500InternalServerError,
        $"The stored copy of block {cid} is corrupt and is not served; fetch it from another gateway or peer.");

    private async Task RefuseAsync(HttpContext context, GatewayProblem problem)
    {
        GatewayLog.Refused(_logger, context.Request.Method, context.Request.Path, problem.StatusCode, problem.Message);
        var response = context.Response;
        response.StatusCode = problem.StatusCode;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var body = System.Text.Encoding.UTF8.GetBytes(problem.Message + "\n");
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
