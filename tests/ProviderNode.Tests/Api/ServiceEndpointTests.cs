using System.Net;
using System.Net.Sockets;
using DePinGpu.ProviderNode.Api;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class ServiceEndpointTests
{
    private static readonly ServiceSpec Service = new(8080, "/health", Idempotent: true);

    [Fact]
    public void Allocate_GivesAFreeLoopbackPortAndAFreshSecretEachTime()
    {
        var first = ServiceEndpoint.Allocate(Service);
        var second = ServiceEndpoint.Allocate(Service);

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(43, first.Secret.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", first.Secret);
        using var listener = new TcpListener(IPAddress.Loopback, first.HostPort);
        listener.Start();
        listener.Stop();
    }

    [Fact]
    public void Accepts_OnlyItsOwnSecret()
    {
        var endpoint = ServiceEndpoint.Allocate(Service);

        Assert.True(endpoint.Accepts(endpoint.Secret));
        Assert.False(endpoint.Accepts(endpoint.Secret[..^1]));
        Assert.False(endpoint.Accepts(ServiceEndpoint.Allocate(Service).Secret));
        Assert.False(endpoint.Accepts(string.Empty));
    }
}
