using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.JobSpecs;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Runs Docker specs as containers on the local engine (Docker.DotNet). Images must already exist locally: the node
/// never pulls implicitly. Containers are labelled with the node, lease, epoch and run, so a restarted node finds and
/// supervises them again instead of starting them twice.
/// </summary>
public sealed partial class DockerWorkloadRuntime : IWorkloadRuntime, IDisposable
{
    private readonly ExecutionOptions _options;
    private readonly ILogger<DockerWorkloadRuntime> _logger;
    private readonly ExecutionMetrics _metrics;
    private readonly DockerClient _client;

    /// <summary>Creates the runtime; nothing is contacted until a call.</summary>
    public DockerWorkloadRuntime(IOptions<ExecutionOptions> options, ILogger<DockerWorkloadRuntime> logger, ExecutionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        _client = new DockerClientConfiguration(EngineEndpoint(_options)).CreateClient();
    }

    /// <inheritdoc />
    public WorkloadRuntimeKind Kind => WorkloadRuntimeKind.Docker;

    /// <summary>The engine endpoint: the configured one, else <c>DOCKER_HOST</c>, else the default socket.</summary>
    public static Uri EngineEndpoint(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.DockerEndpoint ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
        return new Uri(string.IsNullOrWhiteSpace(configured) ? "unix:///var/run/docker.sock" : configured);
    }

    /// <inheritdoc />
    public async Task<WorkloadStartResult> StartAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Spec.Runtime != WorkloadRuntimeKind.Docker || launch.Spec.Image is null)
        {
            return Refuse(launch, "the spec's runtime is not docker");
        }

        if (!await ImageExistsAsync(launch.Spec.Image, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(launch, $"image {launch.Spec.Image} is not on this machine; build or load it first (the node does not pull)");
        }

        Directory.CreateDirectory(launch.Directories.Checkpoints);
        Directory.CreateDirectory(launch.Directories.Output);
        var request = CreateRequest(launch);
        var containerId = await ReusableContainerAsync(request, cancellationToken).ConfigureAwait(false)
            ?? await CreateOrFindAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            containerId = await StartOrRecreateAsync(containerId, request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception is not DockerContainerNotFoundException)
        {
            // The engine refused this container (a GPU request without the NVIDIA runtime: "could not select device
            // driver"; an entrypoint that is not in the image): it would refuse it again. Left "Created", it was no
            // workload and no error: the lease is refused like a missing image, and the container removed.
            await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            return Refuse(launch, "the Docker engine could not start the container: " + EngineMessage(exception));
        }

        var workload = DockerWorkload.Supervise(_client, containerId, launch.Lease, launch.RestartCount, NewLogStore(), _logger, _metrics);
        ExecutionLog.Started(_logger, "docker", containerId, launch.Lease.ToString(), launch.RestartCount);
        return WorkloadStartResult.Success(workload);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IWorkload>> ReattachAsync(CancellationToken cancellationToken)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={_options.NodeName}"] = true },
        };
        var containers = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        var workloads = new List<IWorkload>();
        foreach (var container in containers.OrderBy(container => container.Created))
        {
            // A container that never started is no workload yet: docker's wait would report it "exited 0" at once. The
            // run of its lease starts it by name (StartAsync), or the standby that prepared it removes it.
            if (ReadLabels(container.Labels) is not { } labels || container.State == NeverStarted)
            {
                continue;
            }

            workloads.Add(DockerWorkload.Supervise(_client, container.ID, labels.Lease, labels.RestartCount, NewLogStore(), _logger, _metrics)
                .WithPublishedPorts(DockerPublishedPorts.Read(container.Ports)));
            ExecutionLog.Reattached(_logger, container.ID, labels.Lease.ToString(), labels.RestartCount, container.State == "running");
        }

        return workloads;
    }

    /// <summary>True when the engine answers (a quick probe for start-up checks and tests).</summary>
    public async Task<bool> IsEngineReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.System.PingAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or DockerApiException or TimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private WorkloadStartResult Refuse(WorkloadLaunch launch, string reason)
    {
        _metrics.Refused("docker");
        ExecutionLog.StartRefused(_logger, launch.Lease.ToString(), reason);
        return WorkloadStartResult.Refused(reason);
    }

    /// <summary>True when <paramref name="image"/> is on this machine (a standby checks before it is needed).</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The engine's own message (its JSON <c>message</c>), bounded: it ends up in logs and the lease's problem.</summary>
    private static string EngineMessage(DockerApiException exception)
    {
        var message = exception.ResponseBody;
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(exception.ResponseBody ?? string.Empty);
            message = body.RootElement.TryGetProperty("message", out var text) ? text.GetString() : message;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the body as it came.
        }

        message = string.IsNullOrWhiteSpace(message) ? exception.StatusCode.ToString() : message.Trim();
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    private WorkloadLogStore NewLogStore() => new(_options.LogBytesPerWorkload, _options.MaxLogLineCharacters);

    private static (LeaseEpoch Lease, int RestartCount)? ReadLabels(IDictionary<string, string> labels)
    {
        if (labels.TryGetValue(DockerLabels.Lease, out var lease) && BigInteger.TryParse(lease, NumberStyles.None, CultureInfo.InvariantCulture, out var leaseId)
            && labels.TryGetValue(DockerLabels.Epoch, out var epochText) && ulong.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && labels.TryGetValue(DockerLabels.RestartCount, out var restartText) && int.TryParse(restartText, NumberStyles.None, CultureInfo.InvariantCulture, out var restart))
        {
            return (new LeaseEpoch(leaseId, epoch), restart);
        }

        return null;
    }
}
