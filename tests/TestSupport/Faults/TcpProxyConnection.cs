using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DePinGpu.TestSupport.Faults;

/// <summary>
/// One client connection through a <see cref="TcpProxy"/> and its connection to the target: two pumps that forward,
/// delay or drop each chunk as the proxy's mode says at the time the chunk arrives.
/// </summary>
internal sealed class TcpProxyConnection
{
    private const int ChunkBytes = 16 * 1024;
    private readonly TcpProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _upstream = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private int _reset;

    public TcpProxyConnection(TcpProxy proxy, Socket client)
    {
        _proxy = proxy;
        _client = client;
    }

    /// <summary>Ends both connections with a reset (RST), as a dead server or a middlebox does.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _reset, 1) == 1)
        {
            return;
        }

        foreach (var socket in new[] { _client, _upstream })
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Already closed: nothing left to reset.
            }

            socket.Dispose();
        }

        _proxy.Forget(this);
    }

    /// <summary>Connects to <paramref name="target"/> (unless <paramref name="blackholed"/>) and pumps until either side ends or the proxy resets it.</summary>
    public async Task RunAsync(IPEndPoint target, bool blackholed)
    {
        try
        {
            if (blackholed)
            {
                // Accepted but never answered: read what the client sends and drop it.
                await PumpAsync(_client, null).ConfigureAwait(false);
                return;
            }

            await _upstream.ConnectAsync(target).ConfigureAwait(false);
            await Task.WhenAll(PumpAsync(_client, _upstream), PumpAsync(_upstream, _client)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            // Either side went away (or the proxy reset the connection): the connection ends below.
        }
        finally
        {
            Reset();
        }
    }

    private async Task PumpAsync(Socket from, Socket? to)
    {
        var buffer = new byte[ChunkBytes];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                to?.Shutdown(SocketShutdown.Send);
                return;
            }

            if (_proxy.Delay > TimeSpan.Zero)
            {
                await HoldAsync(_proxy.Delay).ConfigureAwait(false);
            }

            if (to is null || _proxy.Mode != TcpProxyMode.Open)
            {
                _proxy.Dropped(read);
                continue;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
        }
    }

    // Task.Delay runs on a coarse timer and may return a tick early; a fault that promises "at least this delay" must
    // hold the chunk until the precise clock agrees.
    private static async Task HoldAsync(TimeSpan delay)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(delay).ConfigureAwait(false);
        while (Stopwatch.GetElapsedTime(started) < delay)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
