using System.Net;
using System.Net.Sockets;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class ServiceEndpointFileTests : IDisposable
{
    private static readonly ServiceSpec Service = new(8080, "/health", Idempotent: true);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Allocate_AgainInTheSameFolder_KeepsTheSecretAndTheFreePort()
    {
        var first = ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);
        var again = ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);

        Assert.Equal(first, again);
        Assert.True(ServiceEndpoint.IsWellFormedSecret(first.Secret));
    }

    [Fact]
    public void Allocate_InAnotherFolder_GivesAnotherSecret()
    {
        var first = ServiceEndpointFile.Allocate(_directory.Combine("lease-1-0"), Service, NullLogger.Instance);
        var other = ServiceEndpointFile.Allocate(_directory.Combine("lease-1-1"), Service, NullLogger.Instance);

        Assert.NotEqual(first.Secret, other.Secret);
    }

    [Fact]
    public void Allocate_WhenTheSavedPortIsTaken_KeepsTheSecretOnAnotherPort()
    {
        var first = ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);
        using var holder = new TcpListener(IPAddress.Loopback, first.HostPort);
        holder.Start();

        var again = ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);

        Assert.Equal(first.Secret, again.Secret);
        Assert.NotEqual(first.HostPort, again.HostPort);
    }

    [Fact]
    public void Adopt_UsesThePublishedPortAndTheSavedSecret()
    {
        var started = ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);

        var adopted = ServiceEndpointFile.Adopt(_directory.Path, Service, 41234, NullLogger.Instance);

        Assert.Equal(new ServiceEndpoint(41234, started.Secret, Service), adopted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"HostPort":0,"Secret":"x"}""")]
    [InlineData("""{"HostPort":8080,"Secret":"short"}""")]
    public void Adopt_WithNoUsableSavedAddress_MakesANewSecretAndSavesIt(string? saved)
    {
        if (saved is not null)
        {
            File.WriteAllText(_directory.Combine(ServiceEndpointFile.FileName), saved);
        }

        var adopted = ServiceEndpointFile.Adopt(_directory.Path, Service, 41234, NullLogger.Instance);
        var again = ServiceEndpointFile.Adopt(_directory.Path, Service, 41234, NullLogger.Instance);

        Assert.True(ServiceEndpoint.IsWellFormedSecret(adopted.Secret));
        Assert.Equal(adopted, again);
    }

    [Fact]
    public void Allocate_SavesTheFileReadableByTheNodeOnly()
    {
        ServiceEndpointFile.Allocate(_directory.Path, Service, NullLogger.Instance);

        Assert.True(File.Exists(_directory.Combine(ServiceEndpointFile.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_directory.Combine(ServiceEndpointFile.FileName)));
        }
    }

    public void Dispose() => _directory.Dispose();
}
