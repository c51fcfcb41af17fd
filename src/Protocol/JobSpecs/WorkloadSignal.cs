namespace DePinGpu.Protocol.JobSpecs;

/// <summary>The signals a spec may choose as its "checkpoint now" signal (Linux numbering).</summary>
public enum WorkloadSignal
{
    /// <summary>SIGHUP.</summary>
    Hangup = 1,

    /// <summary>SIGINT.</summary>
    Interrupt = 2,

    /// <summary>SIGUSR1, the default.</summary>
    User1 = 10,

    /// <summary>SIGUSR2.</summary>
    User2 = 12,
}
