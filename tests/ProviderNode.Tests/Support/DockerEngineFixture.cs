using System.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.TestSupport;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>
/// A Docker engine for the tests: the one that answers (DOCKER_HOST or the default socket), else a <c>dockerd</c> this
/// fixture starts and stops again. The sample images are built by <c>scripts/images/build.sh</c> (cached by content).
/// Tests skip, saying why, only when no engine is installed.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    private static readonly string[] DaemonPaths = ["/usr/sbin/dockerd", "/usr/bin/dockerd"];
    private readonly Dictionary<string, string> _images = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _buildGate = new(1, 1);
    private ExternalProcess? _daemon;

    /// <summary>Why Docker tests cannot run here; null when they can.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The engine's endpoint.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var endpoint = DockerWorkloadRuntime.EngineEndpoint(new ExecutionOptions()).ToString();
        Endpoint = endpoint;
        if (await PingAsync(endpoint))
        {
            return;
        }

        var daemon = DaemonPaths.FirstOrDefault(File.Exists);
        if (daemon is null)
        {
            SkipReason = "No Docker engine is installed (dockerd not found); scripts/bootstrap.sh installs docker.io.";
            return;
        }

        Endpoint = "unix:///var/run/docker.sock";
        _daemon = ExternalProcess.Start(daemon, ["--host", Endpoint]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await PingAsync(Endpoint))
        {
            if (_daemon.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited at start:\n{_daemon.ErrorTail}");
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    /// <summary>Builds (or finds in the cache) a sample image and returns its content-hash tag.</summary>
    public async Task<string> ImageAsync(string name)
    {
        await _buildGate.WaitAsync();
        try
        {
            if (!_images.TryGetValue(name, out var tag))
            {
                tag = await BuildAsync(name);
                _images[name] = tag;
            }

            return tag;
        }
        finally
        {
            _buildGate.Release();
        }
    }

    /// <summary>A client for checks the runtime does not offer (inspecting a container).</summary>
    public DockerClient CreateClient() => new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();

    /// <summary>Force-removes every container of <paramref name="nodeName"/> (what a failed test left).</summary>
    public async Task RemoveContainersAsync(string nodeName)
    {
        if (SkipReason is not null)
        {
            return;
        }

        using var client = CreateClient();
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={nodeName}"] = true },
        };
        foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    public DockerWorkloadRuntime CreateRuntime(string nodeName) => new(
        Options.Create(new ExecutionOptions { NodeName = nodeName, DockerEndpoint = Endpoint }),
        NullLogger<DockerWorkloadRuntime>.Instance,
        new ExecutionMetrics());

    public async Task DisposeAsync()
    {
        if (_daemon is null)
        {
            return;
        }

        // SIGTERM lets dockerd stop its containerd and shims; the kill in DisposeAsync is only the fallback.
        using (var terminate = Process.Start("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_daemon.HasExited && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100);
        }

        await _daemon.DisposeAsync();
    }

    private async Task<string> BuildAsync(string name)
    {
        var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = Endpoint };
        await using var build = ExternalProcess.Start(Path.Combine(RepositoryPaths.Root, "scripts", "images", "build.sh"), [name], environment: environment);
        var line = await build.WaitForLineAsync(text => text.StartsWith(name + " ", StringComparison.Ordinal), TimeSpan.FromMinutes(15));
        return line[(name.Length + 1)..].Trim();
    }

    private static async Task<bool> PingAsync(string endpoint)
    {
        using var runtime = new DockerWorkloadRuntime(
            Options.Create(new ExecutionOptions { DockerEndpoint = endpoint }), NullLogger<DockerWorkloadRuntime>.Instance, new ExecutionMetrics());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await runtime.IsEngineReachableAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
