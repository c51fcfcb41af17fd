using System.Net;
using System.Net.Sockets;

namespace DePinGpu.Libp2p.Tests.Discovery;

/// <summary>
/// Tells whether this host can deliver a multicast datagram to itself the way mDNS discovery sends one (the mDNS group,
/// loopback on). Containers and CI runners often have no multicast route: mDNS tests are then skipped with the reason
/// rather than failed.
/// </summary>
internal static class MulticastProbe
{
    private static readonly Lazy<string?> Failure = new(Probe);

    /// <summary>Why multicast does not work here, or null when it does.</summary>
    public static string? WhyUnavailable => Failure.Value;

    private static string? Probe()
    {
        var group = IPAddress.Parse("224.0.0.251");
        var port = DePinGpu.TestSupport.FreePort.Next();
        try
        {
            using var receiver = new UdpClient(AddressFamily.InterNetwork);
            receiver.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            receiver.Client.Bind(new IPEndPoint(IPAddress.Any, port));
            receiver.JoinMulticastGroup(group);
            receiver.MulticastLoopback = true;
            using var sender = new UdpClient(AddressFamily.InterNetwork);
            sender.MulticastLoopback = true;
            byte[] probe = [0x6d, 0x64, 0x6e, 0x73];
            for (var attempt = 0; attempt < 3; attempt++)
            {
                sender.Send(probe, probe.Length, new IPEndPoint(group, port));
                var receiving = receiver.ReceiveAsync();
                if (receiving.Wait(TimeSpan.FromSeconds(1)) && receiving.Result.Buffer.SequenceEqual(probe))
                {
                    return null;
                }
            }

            return $"this host did not deliver a multicast datagram to {group}:{port} back to itself (no multicast route)";
        }
        catch (SocketException exception)
        {
            return $"this host cannot use multicast: {exception.Message}";
        }
    }
}
