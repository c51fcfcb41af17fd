using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// A client request's body, read into memory (up to the gateway's limit) so that it can be sent again to another
/// replica, and whether the request may be re-sent after it may have reached a replica.
/// </summary>
/// <param name="Body">The whole body; null when it was too large to buffer and is streamed once.</param>
/// <param name="Repeatable">True when the request may be re-sent after a replica may have received it: a safe or
/// idempotent HTTP method, or any method when the spec declares the service idempotent (and the body is buffered).</param>
internal sealed record BufferedRequest(byte[]? Body, bool Repeatable)
{
    private static readonly HashSet<string> IdempotentMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" };

    /// <summary>
    /// Reads the body of <paramref name="request"/> when it fits in <paramref name="limit"/> bytes; null when a body
    /// without a declared length turned out longer than that (the caller answers 413).
    /// </summary>
    public static async Task<BufferedRequest?> ReadAsync(HttpRequest request, int limit, bool serviceIdempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repeatableMethod = serviceIdempotent || IdempotentMethods.Contains(request.Method);
        if (request.ContentLength > limit)
        {
            return new BufferedRequest(null, false);
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return new BufferedRequest(body.ToArray(), repeatableMethod);
    }

    /// <summary>Puts the body back in front of the forwarder for one more attempt.</summary>
    public void Rewind(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Body is not null)
        {
            request.Body = new MemoryStream(Body, writable: false);
        }
    }
}
