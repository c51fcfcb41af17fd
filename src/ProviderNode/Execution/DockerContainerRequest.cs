using System.Globalization;
using DePinGpu.Protocol.JobSpecs;
using Docker.DotNet.Models;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Turns a launch into Docker's create-container request: labels, the contract's environment and bind mounts,
/// CPU/memory/pids limits, GPU device requests, a published service port, and the isolation a tenant's untrusted code
/// gets (own network namespace on the bridge, never the host's; not privileged; no capabilities; no new privileges).
/// </summary>
public static class DockerContainerRequest
{
    /// <summary>The container name of a run: unique per node, lease, epoch and restart.</summary>
    public static string ContainerName(string nodeName, WorkloadLaunch launch) =>
        string.Create(CultureInfo.InvariantCulture, $"{nodeName}-lease-{launch.Lease.LeaseId}-e{launch.Lease.Epoch}-r{launch.RestartCount}");

    /// <summary>Builds the request; <paramref name="launch"/>'s spec must be a Docker spec.</summary>
    public static CreateContainerParameters Build(WorkloadLaunch launch, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(options);
        var spec = launch.Spec;
        if (spec.Runtime != WorkloadRuntimeKind.Docker || spec.Image is null)
        {
            throw new ArgumentException("The launch's spec is not a Docker spec.", nameof(launch));
        }

        var environment = WorkloadEnvironment.Build(launch, WorkloadEnvironment.ContainerDirectories);
        var request = new CreateContainerParameters
        {
            Name = ContainerName(options.NodeName, launch),
            Image = spec.Image,
            Env = environment.Select(pair => $"{pair.Key}={pair.Value}").ToList(),
            Labels = Labels(launch, options),
            StopSignal = "SIGTERM",
            StopTimeout = spec.GracePeriod,
            HostConfig = HostConfig(launch, options),
        };
        if (spec.Command.Count > 0)
        {
            request.Entrypoint = [spec.Command[0]];
            request.Cmd = spec.Command.Skip(1).ToList();
        }

        if (spec.Service is { } service)
        {
            request.ExposedPorts = new Dictionary<string, EmptyStruct> { [ServicePortKey(service)] = default };
        }

        return request;
    }

    /// <summary>The GPU device request for <paramref name="gpus"/> GPUs (the NVIDIA container runtime's "gpu" capability).</summary>
    public static DeviceRequest GpuRequest(int gpus) => new()
    {
        Driver = "nvidia",
        Count = gpus,
        Capabilities = [["gpu"]],
    };

    private static Dictionary<string, string> Labels(WorkloadLaunch launch, ExecutionOptions options) => new()
    {
        [DockerLabels.Node] = options.NodeName,
        [DockerLabels.Lease] = launch.Lease.LeaseIdText,
        [DockerLabels.Epoch] = launch.Lease.Epoch.ToString(CultureInfo.InvariantCulture),
        [DockerLabels.RestartCount] = launch.RestartCount.ToString(CultureInfo.InvariantCulture),
        [DockerLabels.GracePeriod] = ((long)launch.Spec.GracePeriod.TotalSeconds).ToString(CultureInfo.InvariantCulture),
    };

    private static HostConfig HostConfig(WorkloadLaunch launch, ExecutionOptions options)
    {
        var resources = launch.Spec.Resources;
        var host = new HostConfig
        {
            Binds = Binds(launch.Directories),
            NetworkMode = "bridge",
            Privileged = false,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            PidsLimit = options.ContainerPidsLimit,
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            Init = true,
        };
        if (resources.Cpus is { } cpus)
        {
            host.NanoCPUs = (long)Math.Round(cpus * 1_000_000_000);
        }

        if (resources.MemoryMebibytes is { } mebibytes)
        {
            host.Memory = mebibytes * 1024 * 1024;
            host.MemorySwap = host.Memory;
        }

        if (resources.Gpus > 0)
        {
            host.DeviceRequests = [GpuRequest(resources.Gpus)];
        }

        if (launch.Spec.Service is { } service && launch.HostPort is { } hostPort)
        {
            host.PortBindings = new Dictionary<string, IList<PortBinding>>
            {
                [ServicePortKey(service)] = [new PortBinding { HostIP = options.ServiceBindAddress, HostPort = hostPort.ToString(CultureInfo.InvariantCulture) }],
            };
        }

        return host;
    }

    private static List<string> Binds(WorkloadDirectories directories)
    {
        var inside = WorkloadEnvironment.ContainerDirectories;
        var binds = new List<string>
        {
            $"{directories.Checkpoints}:{inside.Checkpoints}:rw",
            $"{directories.Output}:{inside.Output}:rw",
        };
        if (directories.Resume is not null)
        {
            binds.Add($"{directories.Resume}:{inside.Resume}:ro");
        }

        if (directories.Inputs is not null)
        {
            binds.Add($"{directories.Inputs}:{inside.Inputs}:ro");
        }

        return binds;
    }

    private static string ServicePortKey(Protocol.JobSpecs.ServiceSpec service) =>
        string.Create(CultureInfo.InvariantCulture, $"{service.Port}/tcp");
}
