namespace DePinGpu.ProviderNode.Execution;

/// <summary>Settings of the execution subsystem (configuration section <c>Execution</c>).</summary>
public sealed record ExecutionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Execution";

    /// <summary>
    /// Names this node in its containers' labels, so several nodes can share one Docker engine (a devnet) and each
    /// re-attaches only to its own containers. Letters, digits, '.', '_' and '-'.
    /// </summary>
    public string NodeName { get; init; } = "depin-node";

    /// <summary>The Docker engine (<c>unix:///var/run/docker.sock</c>); null: <c>DOCKER_HOST</c>, else that socket.</summary>
    public string? DockerEndpoint { get; init; }

    /// <summary>Runs <c>process</c> specs as host processes. Off by default: a process is not isolated from the host.</summary>
    public bool EnableProcessRuntime { get; init; }

    /// <summary>Where process workloads keep their pid files and working folders. Required with the process runtime.</summary>
    public string? ProcessStateDirectory { get; init; }

    /// <summary>Output kept per workload run, in bytes of text.</summary>
    public long LogBytesPerWorkload { get; init; } = 1024 * 1024;

    /// <summary>Longest kept output line; longer ones are cut.</summary>
    public int MaxLogLineCharacters { get; init; } = 8192;

    /// <summary>Restarts in place (the spec's restart exit code, or after a kill behind the node's back) before the run counts as failed.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>Address the services' ports are published on (the gateway's side).</summary>
    public string ServiceBindAddress { get; init; } = "127.0.0.1";

    /// <summary>Most processes a container may create (fork bombs stop there).</summary>
    public long ContainerPidsLimit { get; init; } = 4096;
}
