using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>The stand-in's <c>add</c>: multipart parts in, one NDJSON line per file and directory out, root (or wrapper) last.</summary>
internal sealed partial class KuboRpcStandIn
{
    private async Task AddAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var store = query["only-hash"] == "true" ? new MemoryBlockStore() : (IBlockStore)Store;
        var importer = new UnixFsImporter(new ImportOptions());
        var directories = new List<string>();
        var entries = new Dictionary<string, UnixFsDirectoryBuilder>(StringComparer.Ordinal) { [string.Empty] = new UnixFsDirectoryBuilder() };
        var lines = new List<object>();
        var topLevel = new List<(Cid Cid, ulong Size)>();
        await foreach (var (path, isDirectory, body) in ReadPartsAsync(context))
        {
            var parent = path.Contains('/') ? path[..path.LastIndexOf('/')] : string.Empty;
            if (!entries.ContainsKey(parent))
            {
                throw new InvalidOperationException($"directory '{parent}' of '{path}' was not sent before it");
            }

            if (isDirectory)
            {
                directories.Add(path);
                entries[path] = new UnixFsDirectoryBuilder();
                continue;
            }

            var result = await importer.ImportStreamAsync(body, store);
            entries[parent].Add(Name(path), result.Cid, result.CumulativeSize);
            lines.Add(new { Name = path, Hash = result.Cid.ToString(), Size = result.CumulativeSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (parent.Length == 0)
            {
                topLevel.Add((result.Cid, result.CumulativeSize));
            }
        }

        for (var index = directories.Count - 1; index >= 0; index--)
        {
            var path = directories[index];
            var (block, size) = entries[path].Build();
            await store.PutAsync(block);
            var parent = path.Contains('/') ? path[..path.LastIndexOf('/')] : string.Empty;
            entries[parent].Add(Name(path), block.Cid, size);
            lines.Add(new { Name = path, Hash = block.Cid.ToString(), Size = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (parent.Length == 0)
            {
                topLevel.Insert(0, (block.Cid, size));
            }
        }

        var roots = topLevel.Select(entry => entry.Cid).ToList();
        if (query["wrap-with-directory"] == "true")
        {
            var (wrapper, size) = entries[string.Empty].Build();
            await store.PutAsync(wrapper);
            lines.Add(new { Name = string.Empty, Hash = wrapper.Cid.ToString(), Size = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            roots = [wrapper.Cid];
        }

        if (query["pin"] != "false" && store == Store)
        {
            foreach (var root in roots)
            {
                _pins[root.ToV1()] = ("recursive", string.Empty);
            }
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Chunked-Output"] = "1";
        foreach (var line in lines)
        {
            await WriteLineAsync(context, line);
        }
    }

    /// <summary>The multipart parts: url-unescaped path, directory or file, and the body stream (valid until the next part).</summary>
    private static async IAsyncEnumerable<(string Path, bool IsDirectory, Stream Body)> ReadPartsAsync(
        HttpContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var contentType = MediaTypeHeaderValue.Parse(context.Request.ContentType);
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("file argument 'path' is required");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? string.Empty;
            var path = Uri.UnescapeDataString(fileName);
            var isDirectory = section.ContentType == "application/x-directory";
            yield return (path, isDirectory, section.Body);
        }
    }

    private static string Name(string path) => path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;
}
