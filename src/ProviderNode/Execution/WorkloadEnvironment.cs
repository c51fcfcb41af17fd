using System.Globalization;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// The environment of the workload contract (docs/design.md §6, <c>docs/job-spec.md</c>): the tenant's variables from
/// the spec, then the node's own (<c>DEPIN_*</c>, <c>PORT</c>), which the spec cannot override.
/// </summary>
public static class WorkloadEnvironment
{
    /// <summary>Where a container sees its folders.</summary>
    public static WorkloadDirectories ContainerDirectories { get; } =
        new("/depin/checkpoints", "/depin/output", "/depin/resume", "/depin/inputs");

    /// <summary>Builds the variables; <paramref name="visible"/> are the folders as the workload sees them.</summary>
    public static IReadOnlyDictionary<string, string> Build(WorkloadLaunch launch, WorkloadDirectories visible)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(visible);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in launch.Spec.Environment)
        {
            variables[name] = value;
        }

        variables["DEPIN_LEASE_ID"] = launch.Lease.LeaseIdText;
        variables["DEPIN_EPOCH"] = launch.Lease.Epoch.ToString(CultureInfo.InvariantCulture);
        variables["DEPIN_RESTART_COUNT"] = launch.RestartCount.ToString(CultureInfo.InvariantCulture);
        variables["DEPIN_CHECKPOINT_DIR"] = visible.Checkpoints;
        variables["DEPIN_OUTPUT_DIR"] = visible.Output;
        if (launch.Directories.Resume is not null && visible.Resume is not null)
        {
            variables["DEPIN_RESUME_DIR"] = visible.Resume;
        }

        if (launch.Directories.Inputs is not null && visible.Inputs is not null)
        {
            variables["DEPIN_INPUT_DIR"] = visible.Inputs;
        }

        if (launch.Spec.Service is { } service)
        {
            variables["PORT"] = service.Port.ToString(CultureInfo.InvariantCulture);
        }

        return variables;
    }
}
