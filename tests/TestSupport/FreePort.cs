using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DePinGpu.TestSupport;

/// <summary>
/// Hands out loopback TCP ports that were free a moment ago, taken from below the kernel's ephemeral range. A port the
/// kernel chose for port 0 (what this class once returned) is exactly the kind it hands out again: to the next listener
/// on port 0 (a node's libp2p host) or to an outgoing connection, between the moment the port is released here and the
/// moment the test binds it (CI saw a node's API collide with its own libp2p listener that way). Ports below the
/// ephemeral range are only ever taken by someone who names them.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    /// <summary>A port below the ephemeral range that could be bound just now and was not handed out before by this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, EphemeralStart);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {EphemeralStart} after 1000 attempts.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of <c>net.ipv4.ip_local_port_range</c> (32768 where it cannot be read, Linux's default).</summary>
    private static int ReadEphemeralStart()
    {
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            var start = int.Parse(first, CultureInfo.InvariantCulture);
            return start > Lowest + 1000 ? start : 32_768;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
