using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Tests.Execution;

public sealed class DockerContainerRequestTests
{
    private static readonly WorkloadDirectories Folders = new("/data/ck", "/data/out", "/data/resume/step-5", "/data/in");

    private static WorkloadLaunch Launch(JobSpec spec, int? hostPort = null) => new(new LeaseEpoch(12, 3), spec, Folders, 2, hostPort);

    private static JobSpec Spec(int gpus = 0, ServiceSpec? service = null) => new()
    {
        Runtime = WorkloadRuntimeKind.Docker,
        Image = "depingpu/train:abc",
        Command = ["python3", "/app/train.py", "--fast"],
        Resources = new ResourceRequest(gpus, 1.5, 2048),
        Environment = new Dictionary<string, string> { ["TRAIN_STEPS"] = "10" },
        GracePeriod = TimeSpan.FromSeconds(45),
        Service = service,
    };

    [Fact]
    public void Build_GpuSpec_RequestsThatManyNvidiaGpus()
    {
        var request = DockerContainerRequest.Build(Launch(Spec(gpus: 2)), new ExecutionOptions());

        var device = Assert.Single(request.HostConfig.DeviceRequests);
        Assert.Equal("nvidia", device.Driver);
        Assert.Equal(2, device.Count);
        Assert.Equal(["gpu"], Assert.Single(device.Capabilities));
    }

    [Fact]
    public void Build_CpuOnlySpec_RequestsNoDevices()
    {
        var request = DockerContainerRequest.Build(Launch(Spec()), new ExecutionOptions());

        Assert.Null(request.HostConfig.DeviceRequests);
    }

    [Fact]
    public void Build_SetsLimitsIsolationAndTheCommand()
    {
        var request = DockerContainerRequest.Build(Launch(Spec()), new ExecutionOptions { NodeName = "n1", ContainerPidsLimit = 100 });

        Assert.Equal("n1-lease-12-e3-r2", request.Name);
        Assert.Equal(1_500_000_000, request.HostConfig.NanoCPUs);
        Assert.Equal(2048L * 1024 * 1024, request.HostConfig.Memory);
        Assert.Equal(request.HostConfig.Memory, request.HostConfig.MemorySwap);
        Assert.Equal(100, request.HostConfig.PidsLimit);
        Assert.Equal("bridge", request.HostConfig.NetworkMode);
        Assert.False(request.HostConfig.Privileged);
        Assert.Equal(["ALL"], request.HostConfig.CapDrop);
        Assert.Equal(["no-new-privileges"], request.HostConfig.SecurityOpt);
        Assert.Equal(["python3"], request.Entrypoint);
        Assert.Equal(["/app/train.py", "--fast"], request.Cmd);
        Assert.Equal(TimeSpan.FromSeconds(45), request.StopTimeout);
    }

    [Fact]
    public void Build_MountsTheContractFoldersAndSetsTheContractEnvironment()
    {
        var request = DockerContainerRequest.Build(Launch(Spec()), new ExecutionOptions());

        Assert.Equal(
            ["/data/ck:/depin/checkpoints:rw", "/data/out:/depin/output:rw", "/data/resume/step-5:/depin/resume:ro", "/data/in:/depin/inputs:ro"],
            request.HostConfig.Binds);
        Assert.Equal(
            ["DEPIN_CHECKPOINT_DIR=/depin/checkpoints", "DEPIN_EPOCH=3", "DEPIN_INPUT_DIR=/depin/inputs", "DEPIN_LEASE_ID=12", "DEPIN_OUTPUT_DIR=/depin/output",
             "DEPIN_RESTART_COUNT=2", "DEPIN_RESUME_DIR=/depin/resume", "TRAIN_STEPS=10"],
            request.Env);
        Assert.Equal("12", request.Labels[DockerLabels.Lease]);
        Assert.Equal("3", request.Labels[DockerLabels.Epoch]);
        Assert.Equal("2", request.Labels[DockerLabels.RestartCount]);
    }

    [Fact]
    public void Build_Service_PublishesItsPortOnTheBindAddressAndSetsPort()
    {
        var request = DockerContainerRequest.Build(Launch(Spec(service: new ServiceSpec(8080, "/health", false)), hostPort: 41000), new ExecutionOptions());

        var binding = Assert.Single(request.HostConfig.PortBindings["8080/tcp"]);
        Assert.Equal("127.0.0.1", binding.HostIP);
        Assert.Equal("41000", binding.HostPort);
        Assert.Contains("PORT=8080", request.Env);
        Assert.True(request.ExposedPorts.ContainsKey("8080/tcp"));
    }

    [Fact]
    public void Build_ProcessSpec_IsAProgrammingError()
    {
        var spec = new JobSpec { Runtime = WorkloadRuntimeKind.Process, Command = ["x"] };

        Assert.Throws<ArgumentException>(() => DockerContainerRequest.Build(Launch(spec), new ExecutionOptions()));
    }
}
