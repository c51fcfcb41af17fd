using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>
/// Client of the IPFS Pinning Service API (ipfs/pinning-services-api-spec): add, get, replace, delete and list pin requests
/// with bearer authentication, and wait for a request to end (pinned or failed) by polling with back-off. Error bodies
/// become <see cref="PinningServiceException"/>; answers are bounded and validated.
/// </summary>
public sealed class PinningServiceClient : IDisposable
{
    private readonly PinningServiceOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;

    /// <summary>Creates a client; without <paramref name="httpClient"/> it makes (and disposes) its own.</summary>
    public PinningServiceClient(PinningServiceOptions options, HttpClient? httpClient = null, ILogger<PinningServiceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Asks the service to pin (<c>POST /pins</c>); returns the queued request.</summary>
    public async Task<RemotePinStatus> AddAsync(RemotePin pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var body = await SendAsync(HttpMethod.Post, "pins", PinningServiceJson.WritePin(pin), cancellationToken).ConfigureAwait(false);
        return Seen(PinningServiceJson.ReadStatus(body));
    }

    /// <summary>The current state of a request (<c>GET /pins/{requestid}</c>).</summary>
    public async Task<RemotePinStatus> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync(HttpMethod.Get, RequestPath(requestId), null, cancellationToken).ConfigureAwait(false);
        return Seen(PinningServiceJson.ReadStatus(body));
    }

    /// <summary>Replaces a request with a new pin (<c>POST /pins/{requestid}</c>); the answer carries the new request id.</summary>
    public async Task<RemotePinStatus> ReplaceAsync(string requestId, RemotePin pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var body = await SendAsync(HttpMethod.Post, RequestPath(requestId), PinningServiceJson.WritePin(pin), cancellationToken).ConfigureAwait(false);
        return Seen(PinningServiceJson.ReadStatus(body));
    }

    /// <summary>Removes a request and its pin (<c>DELETE /pins/{requestid}</c>).</summary>
    public Task RemoveAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, RequestPath(requestId), null, cancellationToken);

    /// <summary>One page of requests matching <paramref name="query"/>, newest first (<c>GET /pins</c>).</summary>
    public async Task<RemotePinResults> ListAsync(RemotePinQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new RemotePinQuery();
        query.Validate();
        var body = await SendAsync(HttpMethod.Get, "pins" + QueryString(query), null, cancellationToken).ConfigureAwait(false);
        return PinningServiceJson.ReadResults(body);
    }

    /// <summary>
    /// Every request matching <paramref name="query"/>, page after page (each next page asks for requests created before the
    /// oldest one seen, as the API prescribes); a request seen twice is yielded once.
    /// </summary>
    public async IAsyncEnumerable<RemotePinStatus> ListAllAsync(RemotePinQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new RemotePinQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = query;
        while (true)
        {
            var results = await ListAsync(page, cancellationToken).ConfigureAwait(false);
            var fresh = results.Results.Where(status => seen.Add(status.RequestId)).ToList();
            foreach (var status in fresh)
            {
                yield return status;
            }

            if (fresh.Count == 0 || results.Results.Count < (page.Limit ?? 10) || results.Results.Count >= results.Count)
            {
                yield break;
            }

            var oldest = results.Results.Min(status => status.Created);
            page = new RemotePinQuery
            {
                Cids = query.Cids, Name = query.Name, Match = query.Match, Statuses = query.Statuses, After = query.After,
                Limit = query.Limit, Meta = query.Meta, Before = oldest,
            };
        }
    }

    /// <summary>
    /// Polls the request until it is pinned or failed (both are returned: failure is an outcome, not a fault), pausing
    /// <see cref="PinningServiceOptions.InitialPollInterval"/> and growing to <see cref="PinningServiceOptions.MaxPollInterval"/>.
    /// Transient errors while polling are retried. Throws <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<RemotePinStatus> WaitAsync(string requestId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pause = _options.InitialPollInterval;
        RemotePinStatus? last = null;
        while (true)
        {
            try
            {
                last = await GetAsync(requestId, cancellationToken).ConfigureAwait(false);
                if (last.Status is RemotePinState.Pinned or RemotePinState.Failed)
                {
                    return last;
                }
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                PinningServiceLog.PollFailed(_logger, requestId, exception.Message);
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Pin request {requestId} is still {last?.Status.ToString().ToLowerInvariant() ?? "unknown"} after {timeout}; " +
                    "it stays at the service: wait again later or remove it.");
            }

            await Task.Delay(pause < remaining ? pause : remaining, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min((long)(pause.Ticks * _options.PollBackoffFactor), _options.MaxPollInterval.Ticks));
        }
    }

    /// <summary>Adds the pin and waits for its outcome (<see cref="AddAsync"/> then <see cref="WaitAsync"/>).</summary>
    public async Task<RemotePinStatus> PinAsync(RemotePin pin, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var queued = await AddAsync(pin, cancellationToken).ConfigureAwait(false);
        return queued.Status is RemotePinState.Pinned or RemotePinState.Failed
            ? queued
            : await WaitAsync(queued.RequestId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<byte[]> SendAsync(HttpMethod method, string relative, byte[]? json, CancellationToken cancellationToken)
    {
        var operation = $"{method} /{relative.Split('?')[0]}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(_options.Endpoint!, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = PinningServiceJson.ReadError(body);
            var reason = error?.Reason ?? response.ReasonPhrase ?? response.StatusCode.ToString();
            PinningServiceLog.RequestFailed(_logger, operation, (int)response.StatusCode, reason);
            throw new PinningServiceException(operation, response.StatusCode, reason, error?.Details);
        }

        return body;
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new InvalidDataException($"The pinning service's answer is larger than the limit of {_options.MaxResponseBytes} bytes.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[_options.MaxResponseBytes + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return length > _options.MaxResponseBytes
            ? throw new InvalidDataException($"The pinning service's answer is larger than the limit of {_options.MaxResponseBytes} bytes.")
            : buffer[..length];
    }

    private RemotePinStatus Seen(RemotePinStatus status)
    {
        PinningServiceLog.StatusSeen(_logger, status.RequestId, status.Pin.Cid.ToString(), status.Status);
        return status;
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        PinningServiceException service => (int)service.StatusCode >= 500 || service.StatusCode == HttpStatusCode.TooManyRequests,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string RequestPath(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return "pins/" + Uri.EscapeDataString(requestId);
    }

    private static string QueryString(RemotePinQuery query)
    {
        var parts = new List<string>();
        if (query.Cids.Count > 0)
        {
            parts.Add("cid=" + Uri.EscapeDataString(string.Join(",", query.Cids)));
        }

        if (query.Name is not null)
        {
            parts.Add("name=" + Uri.EscapeDataString(query.Name));
        }

        if (query.Match is { } match)
        {
            parts.Add("match=" + match.ToString().ToLowerInvariant());
        }

        if (query.Statuses.Count > 0)
        {
            parts.Add("status=" + string.Join(",", query.Statuses.Select(status => status.ToString().ToLowerInvariant())));
        }

        AddTime(parts, "before", query.Before);
        AddTime(parts, "after", query.After);
        if (query.Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        if (query.Meta.Count > 0)
        {
            parts.Add("meta=" + Uri.EscapeDataString(PinningServiceJson.WriteMeta(query.Meta)));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static void AddTime(List<string> parts, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));
        }
    }
}
