namespace DePinGpu.Protocol.JobSpecs;

/// <summary>The outcome of parsing a spec: the spec, or every reason it was refused (an expected outcome, no exception).</summary>
public sealed record JobSpecParseResult
{
    private JobSpecParseResult(JobSpec? spec, IReadOnlyList<JobSpecError> errors)
    {
        Spec = spec;
        Errors = errors;
    }

    /// <summary>The spec when it is valid.</summary>
    public JobSpec? Spec { get; }

    /// <summary>Why the spec was refused; empty when it is valid.</summary>
    public IReadOnlyList<JobSpecError> Errors { get; }

    /// <summary>True when <see cref="Spec"/> is set.</summary>
    public bool IsValid => Spec is not null;

    /// <summary>A valid spec.</summary>
    public static JobSpecParseResult Valid(JobSpec spec) => new(spec, []);

    /// <summary>A refused spec.</summary>
    public static JobSpecParseResult Invalid(IReadOnlyList<JobSpecError> errors) => new(null, errors);

    /// <summary>One line per error, for logs and HTTP answers.</summary>
    public string Describe() => string.Join(Environment.NewLine, Errors);
}
