using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Sends a UnixFS file's bytes (asked for with <c>Accept: application/octet-stream</c>) honouring one <c>Range</c>:
/// 206 with <c>Content-Range</c>, 416 with <c>Content-Range: bytes */size</c> when unsatisfiable, 200 otherwise. Only the
/// blocks overlapping the range are read, each verified; the bytes go out as an attachment with <c>nosniff</c>.
/// </summary>
internal sealed class FileBytesResponder
{
    private const string ImmutableCacheControl = "public, max-age=29030400, immutable";

    private readonly IBlockStore _store;
    private readonly ILogger _logger;
    private readonly Func<HttpContext, GatewayProblem, Task> _refuse;

    public FileBytesResponder(IBlockStore store, ILogger logger, Func<HttpContext, GatewayProblem, Task> refuse)
    {
        _store = store;
        _logger = logger;
        _refuse = refuse;
    }

    public async Task ServeAsync(HttpContext context, GatewayRequest request, Cid file, string displayPath, CancellationToken cancellationToken)
    {
        var exporter = new UnixFsExporter(_store);
        UnixFsStat stat;
        try
        {
            stat = await exporter.StatAsync(file, cancellationToken);
        }
        catch (Exception exception) when (exception is BlockNotFoundException or CorruptBlockException or InvalidDataException)
        {
            await _refuse(context, ResolvedContentResponder.ProblemOf(exception, request));
            return;
        }

        if (stat.Type != UnixFsType.File)
        {
            await _refuse(context, new GatewayProblem(StatusCodes.Status400BadRequest,
                $"{displayPath} is a UnixFS {stat.Type}, not a file: ask for ?format=car (or a raw block) instead."));
            return;
        }

        var etag = $"\"{file}\"";
        SetHeaders(context, request, etag, displayPath);
        if (GatewayRequestHandler.IsNotModified(context.Request, etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var size = stat.FileSize;
        switch (ByteRangeRequest.Evaluate(context.Request, etag, size, out var range))
        {
            case ByteRangeRequest.Kind.Unsatisfiable:
                context.Response.Headers.ContentRange = $"bytes */{size}";
                await _refuse(context, new GatewayProblem(StatusCodes.Status416RangeNotSatisfiable,
                    $"The requested range is outside the file's {size} bytes."));
                return;
            case ByteRangeRequest.Kind.Partial:
                context.Response.StatusCode = StatusCodes.Status206PartialContent;
                context.Response.Headers.ContentRange = range.ToContentRange(size);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
        }

        context.Response.ContentLength = (long)range.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await SendAsync(context, exporter, file, range, cancellationToken);
        }
    }

    private static void SetHeaders(HttpContext context, GatewayRequest request, string etag, string displayPath)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = ImmutableCacheControl;
        headers.Vary = "Accept";
        headers.AcceptRanges = "bytes";
        headers["X-Ipfs-Path"] = Uri.EscapeDataString(displayPath).Replace("%2F", "/", StringComparison.Ordinal);
        context.Response.ContentType = GatewayMediaTypes.FileBytes;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(request.ContentPath.Count > 0 && request.FileName == request.Cid + ".bin" ? request.ContentPath[^1] : request.FileName);
        headers.ContentDisposition = disposition.ToString();
    }

    private async Task SendAsync(HttpContext context, UnixFsExporter exporter, Cid file, ByteRange range, CancellationToken cancellationToken)
    {
        try
        {
            await exporter.WriteFileAsync(file, context.Response.Body, range.Start, range.Length, cancellationToken);
            ResolvedContentLog.FileServed(_logger, file.ToString(), context.Response.StatusCode, range.Length, range.Start);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or OperationCanceledException)
        {
            // The status line is sent: a short body with a clean end could pass for the file, so cut the connection.
            ResolvedContentLog.FileAborted(_logger, file.ToString(), exception.Message);
            context.Abort();
        }
    }
}
