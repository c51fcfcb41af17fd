using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DePinGpu.Protocol.Rpc;

/// <summary>
/// A JSON-RPC 2.0 client over HTTP with cancellation and bounded responses. Transport failures become
/// <see cref="RpcTransportException"/> (transient), error objects <see cref="RpcErrorException"/>. Given more than one
/// endpoint of the same chain, a request fails over to the next endpoint on a transport failure and
/// <see cref="BroadcastAsync"/> hands a request to every endpoint (see <c>JsonRpcClient.Endpoints.cs</c>).
/// </summary>
public sealed partial class JsonRpcClient : IDisposable
{
    /// <summary>Responses larger than this are refused (a node cannot make us buffer without bound).</summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly long _maxResponseBytes;
    private long _nextId;

    /// <summary>Creates a client for <paramref name="endpoint"/>; a request that takes longer than <paramref name="requestTimeout"/> fails as transient.</summary>
    public JsonRpcClient(Uri endpoint, TimeSpan? requestTimeout = null, long maxResponseBytes = DefaultMaxResponseBytes)
        : this(CreateHttpClient(requestTimeout), [endpoint], maxResponseBytes, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client for several endpoints of one chain, tried in order (reads fail over, broadcasts go to all);
    /// a request that takes longer than <paramref name="requestTimeout"/> fails as transient.
    /// </summary>
    public JsonRpcClient(IReadOnlyList<Uri> endpoints, TimeSpan? requestTimeout = null, long maxResponseBytes = DefaultMaxResponseBytes)
        : this(CreateHttpClient(requestTimeout), endpoints, maxResponseBytes, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client over <paramref name="http"/> (from <c>IHttpClientFactory</c>, say), which stays the caller's:
    /// disposing this client leaves it open. Its <see cref="HttpClient.Timeout"/> is the per-request timeout.
    /// </summary>
    public JsonRpcClient(HttpClient http, Uri endpoint, long maxResponseBytes = DefaultMaxResponseBytes)
        : this(http, [endpoint], maxResponseBytes, ownsHttpClient: false)
    {
    }

    /// <summary>Creates a client for several endpoints of one chain over <paramref name="http"/>, which stays the caller's.</summary>
    public JsonRpcClient(HttpClient http, IReadOnlyList<Uri> endpoints, long maxResponseBytes = DefaultMaxResponseBytes)
        : this(http, endpoints, maxResponseBytes, ownsHttpClient: false)
    {
    }

    private JsonRpcClient(HttpClient http, IReadOnlyList<Uri> endpoints, long maxResponseBytes, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (FindEndpointProblem(endpoints) is { } problem)
        {
            if (ownsHttpClient)
            {
                http.Dispose();
            }

            throw new ArgumentException(problem, nameof(endpoints));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseBytes, 1);
        _http = http;
        _endpoints = [.. endpoints];
        _maxResponseBytes = maxResponseBytes;
        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>The first (primary) endpoint this client talks to.</summary>
    public Uri Endpoint => _endpoints[0];

    /// <summary>Sends one request and returns its <c>result</c> (a detached element).</summary>
    public Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken) =>
        RequestWithFailoverAsync(method, Serialize(method, parameters), cancellationToken);

    /// <summary>The handler a long-lived RPC client wants: pooled connections renewed every few minutes (DNS changes are seen).</summary>
    public static SocketsHttpHandler CreateHandler() =>
        new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 };

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(TimeSpan? requestTimeout) =>
        new(CreateHandler()) { Timeout = requestTimeout ?? TimeSpan.FromSeconds(30) };

    private byte[] Serialize(string method, IReadOnlyList<object?> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var id = Interlocked.Increment(ref _nextId);
        return JsonSerializer.SerializeToUtf8Bytes(new RpcRequestBody(method, parameters, id), RpcJsonContext.Default.RpcRequestBody);
    }

    private async Task<JsonElement> SendToAsync(Uri endpoint, string method, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        using var document = await SendAsync(endpoint, method, content, cancellationToken).ConfigureAwait(false);
        return ReadResult(method, document.RootElement);
    }

    private async Task<JsonDocument> SendAsync(Uri endpoint, string method, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new RpcTransportException($"The RPC endpoint {endpoint} answered {method} with HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > _maxResponseBytes)
            {
                throw new RpcResponseFormatException($"The answer to {method} is larger than {_maxResponseBytes} bytes.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bounded = new BoundedReadStream(stream, _maxResponseBytes, method);
            return await JsonDocument.ParseAsync(bounded, default, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcTransportException($"The RPC endpoint {endpoint} is unreachable ({exception.Message}).", exception);
        }
        catch (IOException exception)
        {
            throw new RpcTransportException($"The connection to {endpoint} broke during {method} ({exception.Message}).", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTransportException($"The RPC endpoint {endpoint} did not answer {method} within {_http.Timeout}.", exception);
        }
        catch (JsonException exception)
        {
            throw new RpcResponseFormatException($"The answer to {method} from {endpoint} is not valid JSON.", exception);
        }
    }

    private static JsonElement ReadResult(string method, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RpcResponseFormatException($"The answer to {method} is not a JSON-RPC object.");
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt32(out var c) ? c : 0;
            var message = error.TryGetProperty("message", out var m) ? m.ToString() : "no message";
            string? data = error.TryGetProperty("data", out var d) ? ReadErrorData(d) : null;
            throw new RpcErrorException(method, code, message, data);
        }

        if (!root.TryGetProperty("result", out var result))
        {
            throw new RpcResponseFormatException($"The answer to {method} has neither result nor error.");
        }

        return result.Clone();
    }

    private static string? ReadErrorData(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.String => data.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object when data.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
        _ => data.GetRawText(),
    };
}
