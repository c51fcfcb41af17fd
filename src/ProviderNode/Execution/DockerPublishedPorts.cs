using Docker.DotNet.Models;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Reads where a container's TCP ports are published from the engine's container list entry.</summary>
public static class DockerPublishedPorts
{
    /// <summary>
    /// Container port to host port for every published TCP port; a port published on several host addresses (IPv4 and
    /// IPv6) counts once. Empty for a container that is not running (the engine lists no bindings for it).
    /// </summary>
    public static IReadOnlyDictionary<int, int> Read(IEnumerable<Port>? ports)
    {
        var published = new Dictionary<int, int>();
        foreach (var port in ports ?? [])
        {
            if (string.Equals(port.Type, "tcp", StringComparison.Ordinal) && port.PublicPort != 0)
            {
                published.TryAdd(port.PrivatePort, port.PublicPort);
            }
        }

        return published;
    }
}
