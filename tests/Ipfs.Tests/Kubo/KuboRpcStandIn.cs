using System.Collections.Concurrent;
using System.Text.Json;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Tests.Gateway;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>
/// Stand-in for a Kubo node's RPC API (no Kubo binary can run here): a local HTTP server that implements the documented
/// request and response shapes of <c>add</c>, <c>cat</c>, <c>pin/add|rm|ls</c>, <c>dag/export|import</c> and <c>version</c>
/// (POST only, <c>{"Message","Code","Type":"error"}</c> bodies with status 500, NDJSON streams, errors after streaming began
/// in the <c>X-Stream-Error</c> trailer). Content goes through the core's importer and block store, so CIDs are the ones
/// the C# importer computes — not proof of Kubo parity (the <c>KUBO_API</c> tests are). It records every request.
/// </summary>
internal sealed partial class KuboRpcStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Cid, (string Type, string Name)> _pins = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private LoopbackHttpServer? _server;

    public MemoryBlockStore Store { get; } = new();

    public Uri ApiAddress => _server!.BaseAddress;

    /// <summary>Each request as <c>command?query</c>, e.g. <c>add?cid-version=1&amp;…</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>When set, <c>cat</c> sends this many bytes, then ends with this message in the <c>X-Stream-Error</c> trailer.</summary>
    public (int Bytes, string Message)? CatStreamError { get; set; }

    public static async Task<KuboRpcStandIn> StartAsync()
    {
        var standIn = new KuboRpcStandIn();
        standIn._server = await LoopbackHttpServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(path.Replace("/api/v0/", string.Empty, StringComparison.Ordinal) + context.Request.QueryString);
        if (!path.StartsWith("/api/v0/", StringComparison.Ordinal))
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "404 page not found");
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await TextAsync(context, StatusCodes.Status405MethodNotAllowed, "405 - Method Not Allowed");
            return;
        }

        try
        {
            await DispatchAsync(context, path["/api/v0/".Length..]);
        }
        catch (Exception exception) when (exception is FormatException or IOException or InvalidOperationException && !context.Response.HasStarted)
        {
            await ErrorAsync(context, exception.Message);
        }
    }

    private Task DispatchAsync(HttpContext context, string command) => command switch
    {
        "add" => AddAsync(context),
        "cat" => CatAsync(context),
        "pin/add" => PinAddAsync(context),
        "pin/rm" => PinRemoveAsync(context),
        "pin/ls" => PinListAsync(context),
        "dag/export" => DagExportAsync(context),
        "dag/import" => DagImportAsync(context),
        "version" => JsonAsync(context, new { Version = "0.39.0-standin", Commit = "", Repo = "16", System = "amd64/linux", Golang = "go1.25" }),
        _ => TextAsync(context, StatusCodes.Status404NotFound, "404 page not found"),
    };

    private async Task CatAsync(HttpContext context)
    {
        var cid = ArgumentCid(context);
        var offset = ulong.TryParse(context.Request.Query["offset"], out var start) ? start : 0;
        ulong? length = ulong.TryParse(context.Request.Query["length"], out var count) ? count : null;
        var exporter = new UnixFsExporter(Store);
        await exporter.StatAsync(cid);
        context.Response.ContentType = "text/plain";
        if (CatStreamError is { } failure)
        {
            var chunked = ChunkedTrailerStream.Start(context.Response, Ipfs.Kubo.KuboResponses.StreamErrorTrailer);
            using var buffer = new MemoryStream();
            await exporter.WriteFileAsync(cid, buffer, offset, length);
            await chunked.WriteAsync(buffer.GetBuffer().AsMemory(0, Math.Min(failure.Bytes, (int)buffer.Length)));
            await chunked.FinishAsync(Ipfs.Kubo.KuboResponses.StreamErrorTrailer, failure.Message);
            return;
        }

        await exporter.WriteFileAsync(cid, context.Response.Body, offset, length);
    }

    private async Task PinAddAsync(HttpContext context)
    {
        var cid = ArgumentCid(context);
        var recursive = context.Request.Query["recursive"] != "false";
        if (recursive)
        {
            await foreach (var block in Dag.DagWalker.WalkAsync(Store, cid))
            {
                block.Dispose();
            }
        }
        else if (!await Store.HasAsync(cid))
        {
            throw new IOException($"block was not found locally (offline): ipld: could not find {cid}");
        }

        _pins[cid.ToV1()] = (recursive ? "recursive" : "direct", context.Request.Query["name"].ToString());
        await JsonAsync(context, new { Pins = new[] { cid.ToString() } });
    }

    private async Task PinRemoveAsync(HttpContext context)
    {
        var cid = ArgumentCid(context);
        if (!_pins.TryRemove(cid.ToV1(), out _))
        {
            throw new InvalidOperationException("not pinned or pinned indirectly");
        }

        await JsonAsync(context, new { Pins = new[] { cid.ToString() } });
    }

    private async Task PinListAsync(HttpContext context)
    {
        var type = context.Request.Query["type"].ToString();
        var selected = _pins.Where(pin => type is "" or "all" || pin.Value.Type == type).ToList();
        if (context.Request.Query.ContainsKey("arg"))
        {
            var cid = ArgumentCid(context).ToV1();
            selected = [.. selected.Where(pin => pin.Key == cid)];
            if (selected.Count == 0)
            {
                throw new InvalidOperationException($"path '{cid}' is not pinned");
            }
        }

        context.Response.ContentType = "application/json";
        foreach (var (cid, (pinType, name)) in selected)
        {
            await WriteLineAsync(context, new { Cid = cid.ToString(), Type = pinType, Name = name });
        }
    }

    private async Task DagExportAsync(HttpContext context)
    {
        var root = ArgumentCid(context);
        if (!await Store.HasAsync(root))
        {
            throw new IOException($"block was not found locally (offline): ipld: could not find {root}");
        }

        context.Response.ContentType = "application/vnd.ipld.car";
        var chunked = ChunkedTrailerStream.Start(context.Response, Ipfs.Kubo.KuboResponses.StreamErrorTrailer);
        try
        {
            await CarExporter.ExportAsync(Store, root, chunked);
            await chunked.FinishAsync(null, null);
        }
        catch (BlockNotFoundException exception)
        {
            // Like Kubo: the 200 and part of the CAR are already out; the error goes into the trailer.
            await chunked.FinishAsync(Ipfs.Kubo.KuboResponses.StreamErrorTrailer, $"block was not found locally (offline): ipld: could not find {exception.Cid}");
        }
    }

    private async Task DagImportAsync(HttpContext context)
    {
        var pinRoots = context.Request.Query["pin-roots"] != "false";
        var roots = new List<Cid>();
        await foreach (var (_, isDirectory, body) in ReadPartsAsync(context))
        {
            if (isDirectory)
            {
                continue;
            }

            var reader = await CarReader.OpenAsync(body);
            roots.AddRange(reader.Roots);
            while (await reader.ReadBlockAsync() is { } block)
            {
                await Store.PutAsync(block);
            }
        }

        context.Response.ContentType = "application/json";
        foreach (var root in roots)
        {
            var error = pinRoots ? await TryPinRecursiveAsync(root) : null;
            await WriteLineAsync(context, new { Root = new { Cid = new Dictionary<string, string> { ["/"] = root.ToString() }, PinErrorMsg = error ?? string.Empty } });
        }
    }

    private async Task<string?> TryPinRecursiveAsync(Cid root)
    {
        try
        {
            await foreach (var block in Dag.DagWalker.WalkAsync(Store, root))
            {
                block.Dispose();
            }
        }
        catch (BlockNotFoundException exception)
        {
            return $"pinning root \"{root}\" FAILED: block was not found locally (offline): ipld: could not find {exception.Cid}";
        }

        _pins[root.ToV1()] = ("recursive", string.Empty);
        return null;
    }

    private static Cid ArgumentCid(HttpContext context)
    {
        var argument = context.Request.Query["arg"].ToString();
        var text = argument.StartsWith("/ipfs/", StringComparison.Ordinal) ? argument[6..] : argument;
        return Cid.TryParse(text, out var cid) ? cid! : throw new FormatException($"invalid path \"{argument}\": invalid cid: selected encoding not supported");
    }

    private static Task ErrorAsync(HttpContext context, string message) =>
        JsonAsync(context, new { Message = message, Code = 0, Type = "error" }, StatusCodes.Status500InternalServerError);

    private static async Task JsonAsync(HttpContext context, object value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(value) + "\n");
    }

    private static Task WriteLineAsync(HttpContext context, object value) => context.Response.WriteAsync(JsonSerializer.Serialize(value) + "\n");

    private static async Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text + "\n");
    }
}
