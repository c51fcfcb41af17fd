using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Serves the requests that need more than the root block: a content path (resolved through plain and HAMT-sharded
/// directories), a CAR with <c>entity-bytes</c>, or a file's bytes with <c>Range</c>. A CAR for a path starts with the
/// blocks that resolve it and keeps the path's root CID as its root, so the client verifies the path itself.
/// </summary>
internal sealed class ResolvedContentResponder
{
    private const string ImmutableCacheControl = "public, max-age=29030400, immutable";

    private readonly IBlockStore _store;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly Func<HttpContext, GatewayProblem, Task> _refuse;

    public ResolvedContentResponder(IBlockStore store, GatewayOptions options, ILogger logger, Func<HttpContext, GatewayProblem, Task> refuse)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _refuse = refuse;
    }

    public async Task ServeAsync(HttpContext context, GatewayRequest request, CancellationToken cancellationToken)
    {
        ResolvedPath? path;
        try
        {
            path = await UnixFsPathResolver.ResolveAsync(_store, request.Cid, request.ContentPath, cancellationToken);
        }
        catch (Exception exception) when (exception is BlockNotFoundException or CorruptBlockException or InvalidDataException)
        {
            await _refuse(context, ProblemOf(exception, request));
            return;
        }

        if (path is null)
        {
            await _refuse(context, new GatewayProblem(StatusCodes.Status404NotFound,
                $"/ipfs/{request.Cid}/{string.Join('/', request.ContentPath)} does not exist: some segment is not an entry of its directory."));
            return;
        }

        if (request.Format == ResponseFormat.File)
        {
            await new FileBytesResponder(_store, _logger, _refuse).ServeAsync(context, request, path.Target, DisplayPath(request), cancellationToken);
        }
        else
        {
            await ServeCarAsync(context, request, path, cancellationToken);
        }
    }

    internal static GatewayProblem ProblemOf(Exception exception, GatewayRequest request) => exception switch
    {
        BlockNotFoundException missing when request.OnlyIfCached => new GatewayProblem(StatusCodes.Status412PreconditionFailed,
            $"Block {missing.Cid} is not in this gateway's store (only-if-cached)."),
        BlockNotFoundException missing => new GatewayProblem(StatusCodes.Status404NotFound, $"Block {missing.Cid} is not in this gateway's store."),
        CorruptBlockException corrupt => new GatewayProblem(StatusCodes.Status500InternalServerError,
            $"The stored copy of block {corrupt.Cid} is corrupt and is not served."),
        _ => new GatewayProblem(StatusCodes.Status502BadGateway, exception.Message),
    };

    internal static string DisplayPath(GatewayRequest request) =>
        request.ContentPath.Count == 0 ? $"/ipfs/{request.Cid}" : $"/ipfs/{request.Cid}/{string.Join('/', request.ContentPath)}";

    private async Task ServeCarAsync(HttpContext context, GatewayRequest request, ResolvedPath path, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var etag = CarEntityTag(request);
        response.Headers.ETag = etag;
        response.Headers.CacheControl = ImmutableCacheControl;
        response.Headers.Vary = "Accept";
        response.Headers["X-Ipfs-Path"] = Uri.EscapeDataString(DisplayPath(request)).Replace("%2F", "/", StringComparison.Ordinal);
        response.Headers["X-Ipfs-Roots"] = string.Join(',', path.Traversed.Append(path.Target).Distinct());
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(request.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        if (GatewayRequestHandler.IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GatewayMediaTypes.CarResponse;
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return;
        }

        try
        {
            var limited = new ByteLimitStream(response.Body, _options.MaxCarBytes);
            var buffered = new BufferedStream(limited, 64 * 1024);
            var writer = await CarWriter.CreateAsync(buffered, [request.Cid], cancellationToken);
            var blocks = PathCarBlocks.ReadAsync(_store, path, request.Scope, request.EntityBytes, cancellationToken);
            var result = await CarExporter.WriteBlocksAsync(writer, Limited(blocks, _options.MaxCarBlocks, cancellationToken), cancellationToken);
            await buffered.FlushAsync(cancellationToken);
            GatewayLog.CarServed(_logger, request.Cid.ToString(), result.BlockCount, result.ByteCount);
        }
        catch (Exception exception) when (exception is IOException or FormatException or NotSupportedException or InvalidDataException or OperationCanceledException)
        {
            // The 200 status is already sent: only cutting the connection tells the client the CAR is incomplete.
            GatewayLog.CarAborted(_logger, request.Cid.ToString(), exception.Message);
            context.Abort();
        }
    }

    /// <summary>Weak (the CAR's bytes are one of several valid orders), distinct per path, scope and byte range.</summary>
    private static string CarEntityTag(GatewayRequest request)
    {
        var variant = $"{string.Join('/', request.ContentPath)}|{request.Scope}|{request.EntityBytes?.From}:{request.EntityBytes?.To}";
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(variant)))[..16];
        return $"W/\"{request.Cid}.car.dfs.n.{digest}\"";
    }

    private static async IAsyncEnumerable<VerifiedBlock> Limited(
        IAsyncEnumerable<VerifiedBlock> blocks, long maxBlocks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (block.Cid.Hash.Code == MulticodecCode.Identity)
            {
                block.Dispose();
                continue;
            }

            if (++count > maxBlocks)
            {
                block.Dispose();
                throw new ResponseLimitException($"the DAG has more than the gateway's limit of {maxBlocks} blocks");
            }

            yield return block;
        }
    }
}
