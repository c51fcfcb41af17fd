namespace DePinGpu.Protocol.JobSpecs;

/// <summary>The bounds every spec must keep (documented in <c>docs/job-spec.md</c>; a spec comes from anyone).</summary>
public static class JobSpecLimits
{
    /// <summary>Largest spec document.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>Deepest JSON nesting.</summary>
    public const int MaxDepth = 8;

    /// <summary>Longest image reference.</summary>
    public const int MaxImageLength = 256;

    /// <summary>Most command arguments (program included).</summary>
    public const int MaxCommandArguments = 64;

    /// <summary>Longest command argument or environment value.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Most environment variables.</summary>
    public const int MaxEnvironmentVariables = 64;

    /// <summary>Longest environment variable name.</summary>
    public const int MaxEnvironmentNameLength = 128;

    /// <summary>Most inputs.</summary>
    public const int MaxInputs = 32;

    /// <summary>Most GPUs per replica.</summary>
    public const int MaxGpus = 64;

    /// <summary>Most CPU cores per replica.</summary>
    public const double MaxCpus = 512;

    /// <summary>Least memory limit in MiB (a smaller one cannot start a runtime).</summary>
    public const long MinMemoryMebibytes = 16;

    /// <summary>Largest memory limit in MiB (16 TiB).</summary>
    public const long MaxMemoryMebibytes = 16L * 1024 * 1024;

    /// <summary>Longest checkpoint interval in seconds (one day).</summary>
    public const int MaxCheckpointIntervalSeconds = 86_400;

    /// <summary>Most standby pins a spec may require.</summary>
    public const int MaxCheckpointReplicas = 16;

    /// <summary>Longest grace period in seconds.</summary>
    public const int MaxGracePeriodSeconds = 3_600;

    /// <summary>Highest restart exit code (126 and above mean "not executable", "not found" and signals).</summary>
    public const int MaxRestartExitCode = 125;

    /// <summary>Longest health path.</summary>
    public const int MaxHealthPathLength = 256;
}
