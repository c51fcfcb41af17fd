using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>Specs and launches of <c>samples/shell-loop</c> for the runtime tests.</summary>
public static class ShellLoopSpecs
{
    public static string Script => Path.Combine(RepositoryPaths.Root, "samples", "shell-loop", "run.sh");

    public static JobSpec Docker(string image, IReadOnlyDictionary<string, string> environment, int? restartExitCode = null, int graceSeconds = 10) => new()
    {
        Runtime = WorkloadRuntimeKind.Docker,
        Image = image,
        Environment = environment,
        Resources = new ResourceRequest(0, 0.5, 64),
        GracePeriod = TimeSpan.FromSeconds(graceSeconds),
        RestartExitCode = restartExitCode,
    };

    public static JobSpec Process(IReadOnlyDictionary<string, string> environment, int? restartExitCode = null, int graceSeconds = 10) => new()
    {
        Runtime = WorkloadRuntimeKind.Process,
        Command = ["/bin/sh", Script],
        Environment = environment,
        GracePeriod = TimeSpan.FromSeconds(graceSeconds),
        RestartExitCode = restartExitCode,
    };

    public static Dictionary<string, string> Loop(int steps, int every, double stepSeconds = 0.05) => new()
    {
        ["LOOP_STEPS"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LOOP_CHECKPOINT_EVERY"] = every.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LOOP_STEP_SECONDS"] = stepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static WorkloadLaunch Launch(JobSpec spec, TemporaryDirectory directory, LeaseEpoch lease, int restartCount = 0, string? resume = null, int? hostPort = null) =>
        new(lease, spec, new WorkloadDirectories(directory.Combine("checkpoints"), directory.Combine("output"), resume, null), restartCount, hostPort);
}
