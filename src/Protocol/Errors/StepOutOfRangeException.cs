namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>StepOutOfRange(uint64 step, uint64 max)</c>.</summary>
public sealed class StepOutOfRangeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public StepOutOfRangeException(string operation, ulong step, ulong max)
        : base("StepOutOfRange", operation, $"checkpoint step {step} exceeds the maximum {max}; use a smaller step number.")
    {
        Step = step;
        Max = max;
    }

    /// <summary>The error's <c>step</c>.</summary>
    public ulong Step { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public ulong Max { get; }
}
