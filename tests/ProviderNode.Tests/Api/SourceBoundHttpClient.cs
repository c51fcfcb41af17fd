using System.Net;
using System.Net.Sockets;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// An <see cref="HttpClient"/> whose connections leave from a chosen loopback address (all of 127.0.0.0/8 reaches lo),
/// so that to the node each instance is a distinct client.
/// </summary>
internal static class SourceBoundHttpClient
{
    public static HttpClient Create(IPAddress source, Uri baseAddress, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }
}
