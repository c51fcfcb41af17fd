using DePinGpu.ProviderNode.Execution;
using Docker.DotNet.Models;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class DockerPublishedPortsTests
{
    [Fact]
    public void Read_MapsEachPublishedTcpPortOnce_AndIgnoresUdpAndUnpublishedPorts()
    {
        Port[] ports =
        [
            new() { IP = "127.0.0.1", PrivatePort = 8080, PublicPort = 41234, Type = "tcp" },
            new() { IP = "::1", PrivatePort = 8080, PublicPort = 41234, Type = "tcp" },
            new() { PrivatePort = 9090, PublicPort = 0, Type = "tcp" },
            new() { IP = "127.0.0.1", PrivatePort = 5353, PublicPort = 45353, Type = "udp" },
        ];

        var published = DockerPublishedPorts.Read(ports);

        Assert.Equal(new Dictionary<int, int> { [8080] = 41234 }, published);
    }

    [Fact]
    public void Read_NoPortsListed_IsEmpty() => Assert.Empty(DockerPublishedPorts.Read(null));
}
