using System.Globalization;
using System.Net;
using DePinGpu.Protocol.JobSpecs;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Containers created ahead of a start (a standby preparing a hand-over, docs/protocol.md §8): created exactly as
/// <see cref="StartAsync"/> would create them, under the same name, and not started. The start then finds the container
/// by name and only starts it, and only when it is what the launch asks for (image, environment, mounts, ports); one that
/// differs and never started is replaced.
/// </summary>
public sealed partial class DockerWorkloadRuntime
{
    /// <summary>Docker's state of a container that was created and never started.</summary>
    private const string NeverStarted = "created";

    /// <summary>
    /// Creates, without starting it, the container <see cref="StartAsync"/> would start for <paramref name="launch"/>,
    /// labelled <see cref="DockerLabels.Prepared"/>; the one already there is kept (handlers repeat). A spec that is not
    /// Docker's, or whose image is not on this machine, gives a refusal, not an exception.
    /// </summary>
    public async Task<PreparedContainerResult> PrepareAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Spec.Runtime != WorkloadRuntimeKind.Docker || launch.Spec.Image is null)
        {
            return PreparedContainerResult.Refused("the spec's runtime is not docker");
        }

        if (!await ImageExistsAsync(launch.Spec.Image, cancellationToken).ConfigureAwait(false))
        {
            return PreparedContainerResult.Refused($"image {launch.Spec.Image} is not on this machine");
        }

        var request = CreateRequest(launch);
        request.Labels[DockerLabels.Prepared] = "true";
        var containerId = await ReusableContainerAsync(request, cancellationToken).ConfigureAwait(false)
            ?? await CreateOrFindAsync(request, cancellationToken).ConfigureAwait(false);
        PreparedContainerLog.Created(_logger, containerId, launch.Lease.ToString());
        return PreparedContainerResult.Success(new PreparedContainer(containerId, request.Name, launch.Lease));
    }

    /// <summary>
    /// Removes container <paramref name="containerId"/> if it never started; false when it is gone or has started (a
    /// started container is a workload: it is left to the run that started it).
    /// </summary>
    public async Task<bool> RemovePreparedAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        try
        {
            var container = await _client.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
            if (container.State?.Status != NeverStarted)
            {
                return false;
            }

            // Not forced: should the run start it between the inspection and here, the engine refuses (409) and it stays.
            await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>This node's prepared containers that never started (what a restarted node adopts or removes).</summary>
    public async Task<IReadOnlyList<PreparedContainer>> ListPreparedAsync(CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={_options.NodeName}"] = true, [$"{DockerLabels.Prepared}=true"] = true },
            ["status"] = new Dictionary<string, bool> { [NeverStarted] = true },
        };
        var containers = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, cancellationToken).ConfigureAwait(false);
        return [.. containers
            .Where(container => container.State == NeverStarted)
            .Select(container => (container, labels: ReadLabels(container.Labels)))
            .Where(found => found.labels is not null)
            .Select(found => new PreparedContainer(found.container.ID, found.container.Names.FirstOrDefault()?.TrimStart('/') ?? string.Empty, found.labels!.Value.Lease))];
    }

    private CreateContainerParameters CreateRequest(WorkloadLaunch launch)
    {
        var request = DockerContainerRequest.Build(launch, _options);
        request.User = NativeMethods.UserAndGroup();
        return request;
    }

    /// <summary>
    /// The container already named as <paramref name="request"/>'s: a prepared one, or a run created before the node died
    /// and never started. Null when there is none, or when one that never started differs from the request (it is removed).
    /// </summary>
    private async Task<string?> ReusableContainerAsync(CreateContainerParameters request, CancellationToken cancellationToken)
    {
        ContainerInspectResponse existing;
        try
        {
            existing = await _client.Containers.InspectContainerAsync(request.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        if (existing.State?.Status != NeverStarted || Matches(existing, request))
        {
            return existing.ID;
        }

        PreparedContainerLog.Replaced(_logger, existing.ID, request.Name);
        return await RemovePreparedAsync(existing.ID, cancellationToken).ConfigureAwait(false) ? null : existing.ID;
    }

    /// <summary>Creates the container of <paramref name="request"/>; when its name was taken meanwhile (a standby preparing it as the run creates it), that one.</summary>
    private async Task<string> CreateOrFindAsync(CreateContainerParameters request, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.Containers.CreateContainerAsync(request, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            return (await _client.Containers.InspectContainerAsync(request.Name, cancellationToken).ConfigureAwait(false)).ID;
        }
    }

    /// <summary>Starts <paramref name="containerId"/>; one removed meanwhile (a standby tidying up as it was promoted) is created again.</summary>
    private async Task<string> StartOrRecreateAsync(string containerId, CreateContainerParameters request, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return containerId;
        }
        catch (DockerContainerNotFoundException)
        {
            var created = await CreateOrFindAsync(request, cancellationToken).ConfigureAwait(false);
            await _client.Containers.StartContainerAsync(created, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return created;
        }
    }

    /// <summary>True when <paramref name="existing"/> runs what <paramref name="request"/> asks for: image, environment (the image adds its own), mounts and ports.</summary>
    private static bool Matches(ContainerInspectResponse existing, CreateContainerParameters request)
    {
        var environment = existing.Config?.Env ?? [];
        return string.Equals(existing.Config?.Image, request.Image, StringComparison.Ordinal)
            && request.Env.All(environment.Contains)
            && Same(existing.HostConfig?.Binds, request.HostConfig.Binds)
            && Same(Ports(existing.HostConfig?.PortBindings), Ports(request.HostConfig.PortBindings));
    }

    private static bool Same(IEnumerable<string>? left, IEnumerable<string>? right) =>
        (left ?? []).ToHashSet(StringComparer.Ordinal).SetEquals(right ?? []);

    private static IEnumerable<string> Ports(IDictionary<string, IList<PortBinding>>? bindings) =>
        (bindings ?? new Dictionary<string, IList<PortBinding>>()).SelectMany(pair => (pair.Value ?? []).Select(binding =>
            string.Create(CultureInfo.InvariantCulture, $"{pair.Key}>{binding.HostIP}:{binding.HostPort}")));
}
