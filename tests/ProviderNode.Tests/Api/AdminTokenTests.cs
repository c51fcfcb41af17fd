using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Api;

public sealed class AdminTokenTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Accepts_OnlyItsOwnBearerToken()
    {
        var token = new AdminToken();
        var other = new AdminToken();

        Assert.True(token.Accepts("Bearer " + token.Text));
        Assert.True(token.Accepts("bearer " + token.Text));
        Assert.False(token.Accepts("Bearer " + other.Text));
        Assert.False(token.Accepts(token.Text));
        Assert.False(token.Accepts("Basic " + token.Text));
        Assert.False(token.Accepts("Bearer " + token.Text[..^1]));
        Assert.False(token.Accepts("Bearer "));
        Assert.False(token.Accepts(null));
        Assert.False(token.Accepts("Bearer " + new string('a', 10_000)));
        Assert.Equal(64, token.Text.Length);
    }

    [Fact]
    public async Task File_IsWrittenOwnerOnlyAtStart_ReplacesAStaleOne_AndIsDeletedAtStop()
    {
        var dataDirectory = _directory.Combine("data");
        Directory.CreateDirectory(dataDirectory);
        var path = AdminTokenFile.PathIn(dataDirectory);
        await File.WriteAllTextAsync(path, "stale");
        var token = new AdminToken();
        var file = new AdminTokenFile(token, Options.Create(new NodeOptions { DataDirectory = dataDirectory }));

        await file.StartAsync(CancellationToken.None);

        Assert.Equal(token.Text, await File.ReadAllTextAsync(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        await file.StopAsync(CancellationToken.None);
        Assert.False(File.Exists(path));
    }

    public void Dispose() => _directory.Dispose();
}
