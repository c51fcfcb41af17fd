using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>StepNotIncreasing(uint256 leaseId, uint64 lastStep, uint64 step)</c>.</summary>
public sealed class StepNotIncreasingException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public StepNotIncreasingException(string operation, BigInteger leaseId, ulong lastStep, ulong step)
        : base("StepNotIncreasing", operation, $"checkpoint step {step} of lease {leaseId} is not above the last committed step {lastStep}; commit a newer checkpoint.")
    {
        LeaseId = leaseId;
        LastStep = lastStep;
        Step = step;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>lastStep</c>.</summary>
    public ulong LastStep { get; }

    /// <summary>The error's <c>step</c>.</summary>
    public ulong Step { get; }
}
