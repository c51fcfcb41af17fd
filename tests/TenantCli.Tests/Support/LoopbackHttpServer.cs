using System.Net;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// A loopback HTTP server that answers fixed responses by path and query (what a test puts in <see cref="Routes"/>),
/// and 404 otherwise: it stands in for a gateway that serves chosen bytes, e.g. tampered ones.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    /// <summary>Starts listening on a free loopback port.</summary>
    public LoopbackHttpServer()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = ServeAsync();
    }

    /// <summary>The server's base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request's path and query, in arrival order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Responses by path and query ("/status", "/ipfs/bafk…?format=raw").</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Routes { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync with this exception: the loop is over.
        }
        catch (ObjectDisposedException)
        {
            // Same, on runtimes that report the closed listener this way.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            var key = context.Request.Url!.PathAndQuery;
            Requests.Enqueue(key);
            if (Routes.TryGetValue(key, out var body))
            {
                context.Response.StatusCode = 200;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
