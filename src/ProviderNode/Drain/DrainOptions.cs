using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>How <c>depin-node drain</c> ends the node's leases (configuration section <c>Drain</c>).</summary>
public sealed record DrainOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Drain";

    /// <summary>
    /// How long to wait, after the "checkpoint now" signal, for a Stateful lease's next checkpoint to be committed.
    /// When it passes the lease is released anyway: the standby resumes from the last committed checkpoint.
    /// </summary>
    public TimeSpan CheckpointWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the finished daemon waits for <c>depin-node drain</c> to read the final report before it exits.</summary>
    public TimeSpan ReportWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CheckpointWait < TimeSpan.FromSeconds(1) || CheckpointWait > TimeSpan.FromHours(1))
        {
            problems.Add($"CheckpointWait {CheckpointWait} must be between a second and an hour.");
        }

        if (ReportWait < TimeSpan.Zero || ReportWait > TimeSpan.FromMinutes(5))
        {
            problems.Add($"ReportWait {ReportWait} must be between zero and five minutes.");
        }

        return problems;
    }
}
