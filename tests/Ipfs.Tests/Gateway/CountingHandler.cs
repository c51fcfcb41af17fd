using System.Collections.Concurrent;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>An HTTP handler that records every request URI the client sends.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<Uri> Requests { get; } = new();

    public int RawRequests => Requests.Count(uri => uri.Query.Contains("format=raw", StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        return base.SendAsync(request, cancellationToken);
    }
}
