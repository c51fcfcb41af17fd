using System.Text.Json;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Keeps a lease's service address (host port and secret) in <c>service.json</c> (mode 0600) in its workload folder
/// (one per lease and epoch), so that a node restarted while it holds the lease serves it under the same URL: the
/// tenant's gateway keeps the address it has and re-admits the replica after its next good health probe.
/// Docker: the re-attached container keeps its published port (read from the container, not from the file).
/// Process: a process group cannot be supervised again, so the node starts the service again at the same lease and
/// epoch; it listens on the saved port when that port is free, else on a new one, behind the same secret.
/// </summary>
public static class ServiceEndpointFile
{
    /// <summary>The file's name in the workload folder.</summary>
    public const string FileName = "service.json";

    private const int MaxFileBytes = 4096;

    /// <summary>The address of a run the node starts: the saved secret (and port, when free) if the folder has them, else fresh ones.</summary>
    public static ServiceEndpoint Allocate(string directory, ServiceSpec service, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        var saved = Read(directory, logger);
        var port = saved is { } known && ServiceEndpoint.IsLoopbackPortFree(known.HostPort) ? known.HostPort : ServiceEndpoint.FreeLoopbackPort();
        return Save(directory, new ServiceEndpoint(port, saved?.Secret ?? ServiceEndpoint.NewSecret(), service));
    }

    /// <summary>The address of a workload the node re-attached to: the port it is published on and the saved secret (a fresh one when none was saved).</summary>
    public static ServiceEndpoint Adopt(string directory, ServiceSpec service, int hostPort, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostPort, 65535);
        var saved = Read(directory, logger);
        if (saved is null)
        {
            ServiceLog.AdoptedWithNewSecret(logger, directory);
        }

        return Save(directory, new ServiceEndpoint(hostPort, saved?.Secret ?? ServiceEndpoint.NewSecret(), service));
    }

    private static SavedEndpoint? Read(string directory, ILogger logger)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        SavedEndpoint? saved = null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            saved = bytes.Length <= MaxFileBytes ? JsonSerializer.Deserialize<SavedEndpoint>(bytes) : null;
        }
        catch (JsonException exception)
        {
            ServiceLog.EndpointFileUnreadable(logger, path, exception.Message);
            return null;
        }

        if (saved is not { HostPort: >= 1 and <= 65535 } || !ServiceEndpoint.IsWellFormedSecret(saved.Secret))
        {
            ServiceLog.EndpointFileUnreadable(logger, path, "not a port and a 32-byte base64url secret");
            return null;
        }

        return saved;
    }

    private static ServiceEndpoint Save(string directory, ServiceEndpoint endpoint)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, new SavedEndpoint(endpoint.HostPort, endpoint.Secret));
            stream.Flush(flushToDisk: true);
        }

        // Replaced whole: a node killed mid-write leaves the old file or the new one, never half of one.
        File.Move(temporary, path, overwrite: true);
        return endpoint;
    }

    private sealed record SavedEndpoint(int HostPort, string Secret);
}
