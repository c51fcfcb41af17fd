using Docker.DotNet;
using Docker.DotNet.Models;
using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>Removes the containers a benchmark node created (found by its node label), so that no run leaves stopped containers behind.</summary>
internal static class BenchContainers
{
    /// <summary>Force-removes every container labelled with <paramref name="nodeName"/> on the engine at <paramref name="endpoint"/>; returns how many.</summary>
    public static async Task<int> RemoveAsync(string endpoint, string nodeName)
    {
        using var client = new DockerClientConfiguration(new Uri(endpoint)).CreateClient();
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={nodeName}"] = true },
        };
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
        foreach (var container in containers)
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }

        return containers.Count;
    }
}
