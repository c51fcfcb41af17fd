using DePinGpu.ProviderNode.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Writes the <see cref="AdminToken"/> to <c>&lt;data-dir&gt;/api-admin-token</c> with mode 0600 when the daemon starts
/// (replacing the previous run's) and deletes it when the daemon stops, so a stale token never lingers.
/// </summary>
public sealed class AdminTokenFile : IHostedService
{
    private readonly AdminToken _token;
    private readonly string _path;

    /// <summary>Creates the writer; nothing is written until it starts.</summary>
    public AdminTokenFile(AdminToken token, IOptions<NodeOptions> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _token = token;
        _path = PathIn(node.Value.DataDirectory);
    }

    /// <summary>The token file of the node whose data directory is <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, AdminToken.FileName);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.Delete(_path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(_path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(_token.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }
}
