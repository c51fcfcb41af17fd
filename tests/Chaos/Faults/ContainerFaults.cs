using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Execution;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>
/// The Docker engine's side of the faults: kills containers behind their node's back (<c>docker kill</c>, SIGKILL),
/// found by the labels the node puts on them (<see cref="DockerLabels"/>: node name, lease, epoch), and removes a
/// cluster's containers when it is done. Only ever touches containers of the node names it is given (the engine is
/// shared with other tests).
/// </summary>
public sealed class ContainerFaults
{
    private readonly Uri _endpoint;

    /// <summary>Faults on the engine at <paramref name="endpoint"/>.</summary>
    public ContainerFaults(string endpoint) => _endpoint = new Uri(endpoint);

    /// <summary>SIGKILLs the running containers of <paramref name="nodeName"/> (of lease <paramref name="leaseId"/> when given); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> KillAsync(string nodeName, BigInteger? leaseId)
    {
        using var client = CreateClient();
        var killed = new List<string>();
        foreach (var container in await ListAsync(client, nodeName, leaseId))
        {
            if (container.State != "running")
            {
                continue;
            }

            try
            {
                await client.Containers.KillContainerAsync(container.ID, new ContainerKillParameters { Signal = "SIGKILL" });
                killed.Add(container.ID);
            }
            catch (DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
            {
                // It exited or went away meanwhile: nothing to kill.
            }
        }

        return killed;
    }

    /// <summary>The containers of <paramref name="nodeName"/> (of lease <paramref name="leaseId"/> when given), running or not.</summary>
    public async Task<IList<ContainerListResponse>> ListAsync(string nodeName, BigInteger? leaseId = null)
    {
        using var client = CreateClient();
        return await ListAsync(client, nodeName, leaseId);
    }

    /// <summary>Force-removes every container of <paramref name="nodeName"/> (the cluster's end; its daemon is gone).</summary>
    public async Task RemoveAllAsync(string nodeName)
    {
        using var client = CreateClient();
        foreach (var container in await ListAsync(client, nodeName, null))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }
    }

    private static async Task<IList<ContainerListResponse>> ListAsync(DockerClient client, string nodeName, BigInteger? leaseId)
    {
        var labels = new Dictionary<string, bool> { [$"{DockerLabels.Node}={nodeName}"] = true };
        if (leaseId is { } lease)
        {
            labels[$"{DockerLabels.Lease}={lease.ToString(CultureInfo.InvariantCulture)}"] = true;
        }

        return await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        });
    }

    private DockerClient CreateClient() => new DockerClientConfiguration(_endpoint).CreateClient();
}
