using System.Text;
using System.Text.Json;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// Client of the Kubo RPC API (<c>POST /api/v0/&lt;command&gt;</c>): add with the project's CID profile, cat, pin add/rm/ls,
/// dag export/import, version. Uploads and downloads stream; JSON answers are bounded. Kubo's error bodies become
/// <see cref="KuboRpcException"/> and errors reported after streaming began (the <c>X-Stream-Error</c> trailer)
/// <see cref="KuboStreamException"/>, both with Kubo's message.
/// </summary>
public sealed class KuboRpcClient : IDisposable
{
    private const int CopyBufferSize = 256 * 1024;
    private readonly KuboRpcOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;

    /// <summary>Creates a client; without <paramref name="httpClient"/> it makes (and disposes) its own.</summary>
    public KuboRpcClient(KuboRpcOptions options, HttpClient? httpClient = null, ILogger<KuboRpcClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// <c>ipfs add --cid-version=1 --raw-leaves --chunker=size-262144</c> of the parts (directories before their entries);
    /// returns Kubo's entries in its order, the root (or wrapper) last.
    /// </summary>
    public async Task<IReadOnlyList<KuboAddedEntry>> AddAsync(IEnumerable<KuboAddPart> parts, KuboAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        options ??= new KuboAddOptions();
        const string command = "add";
        using var content = new KuboMultipartContent([.. parts]);
        using var response = await PostAsync(command, AddArguments(options), content, cancellationToken).ConfigureAwait(false);
        var entries = new List<KuboAddedEntry>();
        await foreach (var line in KuboResponses.ReadLinesAsync(command, response, _options.MaxLineBytes, _options.MaxEntries, cancellationToken).ConfigureAwait(false))
        {
            using (line)
            {
                var root = line.RootElement;
                if (root.TryGetProperty("Hash", out _))
                {
                    entries.Add(new KuboAddedEntry(KuboJson.OptionalString(root, "Name") ?? string.Empty,
                        KuboJson.Cid(KuboJson.String(root, "Hash", command), command), KuboJson.Size(root, "Size", command)));
                }
            }
        }

        if (entries.Count == 0)
        {
            throw KuboJson.Malformed(command, "lists no added entry");
        }

        KuboLog.Added(_logger, entries.Count, entries[^1].Name, entries[^1].Cid.ToString());
        return entries;
    }

    /// <summary>Adds one file; returns its entry.</summary>
    public async Task<KuboAddedEntry> AddFileAsync(string name, Func<CancellationToken, ValueTask<Stream>> openContent, KuboAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        var entries = await AddAsync([KuboAddPart.File(name, openContent)], options, cancellationToken).ConfigureAwait(false);
        return entries.LastOrDefault(entry => entry.Name == name) ?? entries[^1];
    }

    /// <summary>Streams a file's bytes (<c>cat</c>) into <paramref name="destination"/>; returns the byte count.</summary>
    public async Task<long> CatAsync(string path, Stream destination, long? offset = null, long? length = null, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(destination);
        var arguments = new List<(string, string)> { ("arg", path) };
        if (offset is { } start)
        {
            arguments.Add(("offset", start.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (length is { } count)
        {
            arguments.Add(("length", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return await DownloadAsync("cat", arguments, destination, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A small file's bytes (refused beyond <paramref name="maxBytes"/>).</summary>
    public async Task<byte[]> CatBytesAsync(Cid cid, int maxBytes = 64 * 1024 * 1024, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        using var buffer = new MemoryStream();
        await CatAsync(cid.ToString(), buffer, maxBytes: maxBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Pins <paramref name="cid"/> (recursively by default, optionally named); returns the pinned CIDs.</summary>
    public async Task<IReadOnlyList<Cid>> PinAddAsync(Cid cid, bool recursive = true, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var arguments = new List<(string, string)> { ("arg", cid.ToString()), ("recursive", Flag(recursive)) };
        if (name is not null)
        {
            arguments.Add(("name", name));
        }

        using var document = await JsonCommandAsync("pin/add", arguments, cancellationToken).ConfigureAwait(false);
        return KuboJson.CidArray(document.RootElement, "Pins", "pin/add");
    }

    /// <summary>Removes the pin of <paramref name="cid"/>; returns the unpinned CIDs.</summary>
    public async Task<IReadOnlyList<Cid>> PinRemoveAsync(Cid cid, bool recursive = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        using var document = await JsonCommandAsync("pin/rm", [("arg", cid.ToString()), ("recursive", Flag(recursive))], cancellationToken).ConfigureAwait(false);
        return KuboJson.CidArray(document.RootElement, "Pins", "pin/rm");
    }

    /// <summary>Lists pins of <paramref name="type"/>, or only those of <paramref name="cid"/> (empty when it is not pinned).</summary>
    public async Task<IReadOnlyList<KuboPin>> PinListAsync(KuboPinType type = KuboPinType.All, Cid? cid = null, CancellationToken cancellationToken = default)
    {
        const string command = "pin/ls";
        var arguments = new List<(string, string)> { ("type", type.ToString().ToLowerInvariant()), ("stream", "true"), ("names", "true") };
        if (cid is not null)
        {
            arguments.Add(("arg", cid.ToString()));
        }

        var pins = new List<KuboPin>();
        try
        {
            using var response = await PostAsync(command, arguments, content: null, cancellationToken).ConfigureAwait(false);
            await foreach (var line in KuboResponses.ReadLinesAsync(command, response, _options.MaxLineBytes, _options.MaxEntries, cancellationToken).ConfigureAwait(false))
            {
                using (line)
                {
                    var root = line.RootElement;
                    pins.Add(new KuboPin(KuboJson.Cid(KuboJson.String(root, "Cid", command), command),
                        KuboJson.PinType(KuboJson.String(root, "Type", command), command), NullIfEmpty(KuboJson.OptionalString(root, "Name"))));
                }
            }
        }
        catch (KuboRpcException exception) when (cid is not null && exception.KuboMessage.Contains("is not pinned", StringComparison.Ordinal))
        {
            // Kubo answers "not pinned" with an error; for a lookup of one CID that is an expected, empty result.
            return [];
        }

        return pins;
    }

    /// <summary>Streams the CARv1 of the DAG under <paramref name="root"/> (<c>dag export</c>); returns the byte count.</summary>
    public Task<long> DagExportAsync(Cid root, Stream destination, long maxBytes = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(destination);
        return DownloadAsync("dag/export", [("arg", root.ToString())], destination, maxBytes, cancellationToken);
    }

    /// <summary>Imports a CAR (<c>dag import</c>), pinning its roots by default; returns each root with its pin outcome.</summary>
    public async Task<IReadOnlyList<KuboImportedRoot>> DagImportAsync(Func<CancellationToken, ValueTask<Stream>> openCar, bool pinRoots = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openCar);
        const string command = "dag/import";
        using var content = new KuboMultipartContent([KuboAddPart.File("import.car", openCar)]);
        using var response = await PostAsync(command, [("pin-roots", Flag(pinRoots))], content, cancellationToken).ConfigureAwait(false);
        var roots = new List<KuboImportedRoot>();
        await foreach (var line in KuboResponses.ReadLinesAsync(command, response, _options.MaxLineBytes, _options.MaxEntries, cancellationToken).ConfigureAwait(false))
        {
            using (line)
            {
                if (line.RootElement.TryGetProperty("Root", out var root))
                {
                    var cid = root.TryGetProperty("Cid", out var link) ? KuboJson.String(link, "/", command) : throw KuboJson.Malformed(command, "has a Root without Cid");
                    roots.Add(new KuboImportedRoot(KuboJson.Cid(cid, command), NullIfEmpty(KuboJson.OptionalString(root, "PinErrorMsg"))));
                }
            }
        }

        return roots;
    }

    /// <summary>Kubo's version string (<c>version</c>): a cheap reachability check.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var document = await JsonCommandAsync("version", [], cancellationToken).ConfigureAwait(false);
        return KuboJson.String(document.RootElement, "Version", "version");
    }

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonDocument> JsonCommandAsync(string command, IReadOnlyList<(string, string)> arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var response = await PostAsync(command, arguments, content: null, timeout.Token).ConfigureAwait(false);
        return await KuboResponses.ReadJsonAsync(command, response, _options.MaxJsonBytes, timeout.Token).ConfigureAwait(false);
    }

    private async Task<long> DownloadAsync(string command, IReadOnlyList<(string, string)> arguments, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(command, arguments, content: null, cancellationToken).ConfigureAwait(false);
        await KuboResponses.EnsureSuccessAsync(command, response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long total = 0;
        await using (body.ConfigureAwait(false))
        {
            var buffer = new byte[CopyBufferSize];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new InvalidDataException($"Kubo {command} sent more than the limit of {maxBytes} bytes.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        KuboResponses.CheckTrailer(command, response);
        return total;
    }

    private async Task<HttpResponseMessage> PostAsync(string command, IReadOnlyList<(string Name, string Value)> arguments, HttpContent? content, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in arguments)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiAddress, "api/v0/" + command + query)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            KuboLog.Failed(_logger, command, exception.Message);
            throw new KuboRpcException(command, exception.StatusCode, $"cannot reach Kubo at {_options.ApiAddress}: {exception.Message}", innerException: exception);
        }

        KuboLog.Answered(_logger, command, (int)response.StatusCode);
        return response;
    }

    private static IReadOnlyList<(string, string)> AddArguments(KuboAddOptions options) =>
    [
        ("cid-version", "1"), ("raw-leaves", "true"), ("chunker", "size-262144"), ("hash", "sha2-256"), ("pin", Flag(options.Pin)),
        ("wrap-with-directory", Flag(options.WrapWithDirectory)), ("only-hash", Flag(options.OnlyHash)), ("progress", "false"),
    ];

    private static string Flag(bool value) => value ? "true" : "false";

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
