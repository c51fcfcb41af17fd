namespace DePinGpu.ProviderNode.Execution;

/// <summary>A started workload, or why it could not start (a missing image is an expected outcome, not a fault).</summary>
public sealed record WorkloadStartResult
{
    private WorkloadStartResult(IWorkload? workload, string? refusal)
    {
        Workload = workload;
        Refusal = refusal;
    }

    /// <summary>The running workload.</summary>
    public IWorkload? Workload { get; }

    /// <summary>A sentence saying why nothing was started.</summary>
    public string? Refusal { get; }

    /// <summary>True when <see cref="Workload"/> is set.</summary>
    public bool Started => Workload is not null;

    /// <summary>A workload that started.</summary>
    public static WorkloadStartResult Success(IWorkload workload) => new(workload, null);

    /// <summary>A refusal with its reason.</summary>
    public static WorkloadStartResult Refused(string reason) => new(null, reason);
}
