using System.Net;
using System.Net.Sockets;

namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>
/// A TCP client that connects from a chosen loopback address (127.0.0.0/8 all routes to lo, so 127.0.1.2 and
/// 127.0.2.7 are distinct sources and subnets to the host) and sends nothing: the hostile peer of the handshake flood.
/// </summary>
internal sealed class SilentClient : IDisposable
{
    private readonly Socket _socket;

    private SilentClient(Socket socket)
    {
        _socket = socket;
        ClosedByHost = WaitForCloseAsync(socket);
    }

    /// <summary>Completes when the host closed the socket (a read returned end of stream or failed).</summary>
    public Task ClosedByHost { get; }

    public static async Task<SilentClient> ConnectAsync(IPAddress source, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return new SilentClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<List<SilentClient>> ConnectManyAsync(IEnumerable<IPAddress> sources, int port)
    {
        var clients = new List<SilentClient>();
        foreach (var source in sources)
        {
            clients.Add(await ConnectAsync(source, port));
        }

        return clients;
    }

    public void Dispose() => _socket.Dispose();

    private static async Task WaitForCloseAsync(Socket socket)
    {
        try
        {
            while (await socket.ReceiveAsync(new byte[64]) > 0)
            {
                // The host's multistream header may arrive; a silent client never answers it.
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Reset by the host, or closed by the test: either way the socket is gone.
        }
    }
}
