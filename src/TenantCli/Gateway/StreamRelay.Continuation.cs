using System.Globalization;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>Re-sending a cut stream's request to another replica, with the resume headers.</summary>
internal sealed partial class StreamRelay
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade", "Proxy-Connection", "Content-Length",
        StreamResume.LastEventIdHeader, StreamResume.DeliveredHeader,
    };

    /// <summary>The next replica's answer to the re-sent request, or null when no replica gave a stream.</summary>
    private async Task<(Replica Replica, HttpResponseMessage Response)?> ContinueAsync(CancellationToken cancellationToken)
    {
        while (parts.Replicas.Pick(tried) is { } replica && !cancellationToken.IsCancellationRequested)
        {
            tried.Add(replica);
            parts.Metrics.Retried();
            replica.Begin();
            HttpResponseMessage? response = null;
            try
            {
                using var message = ResumeRequest(replica);
                response = await parts.Invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                Failed(replica, exception.Message);
                continue;
            }
            catch (OperationCanceledException)
            {
                replica.Abandoned();
                return null;
            }

            if (response.IsSuccessStatusCode && string.Equals(response.Content.Headers.ContentType?.MediaType, StreamResume.EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
            {
                var confirmed = response.Headers.Contains(StreamResume.ResumedHeader) || (_delivered == 0 && _lastId is null);
                _expectedId = confirmed ? null : NextId();
                if (!confirmed && _expectedId is null)
                {
                    // Ids that are not numbers and no confirming header: nothing proves the service resumed.
                    response.Dispose();
                    replica.Succeeded();
                    return null;
                }

                return (replica, response);
            }

            Failed(replica, string.Create(CultureInfo.InvariantCulture, $"answered {(int)response.StatusCode} to the resumed request"));
            response.Dispose();
        }

        return null;
    }

    private void Failed(Replica replica, string detail)
    {
        parts.Events.Add("stream-continuation-failed", replica, detail);
        if (replica.Failed(parts.Options.EjectAfterFailures))
        {
            parts.Events.Add("replica-ejected", replica, "consecutive failed requests");
        }
    }

    /// <summary>The id the first event of a continuation must carry when ids are numbers and no header confirms the resume.</summary>
    private string? NextId() =>
        _lastId is not null && long.TryParse(_lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? (last + 1).ToString(CultureInfo.InvariantCulture) : null;

    private HttpRequestMessage ResumeRequest(Replica replica)
    {
        var incoming = context.Request;
        var target = replica.Address.Target(incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent());
        var message = new HttpRequestMessage(new HttpMethod(incoming.Method), target) { Version = new Version(1, 1) };
        if (request.Body is { Length: > 0 } body)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (!NotForwarded.Contains(name) && !message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (_lastId is not null)
        {
            message.Headers.TryAddWithoutValidation(StreamResume.LastEventIdHeader, _lastId);
        }

        message.Headers.TryAddWithoutValidation(StreamResume.DeliveredHeader, _delivered.ToString(CultureInfo.InvariantCulture));
        return message;
    }
}
