using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>StaleEpoch(uint256 leaseId, uint32 epoch, uint32 currentEpoch)</c>.</summary>
public sealed class StaleEpochException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public StaleEpochException(string operation, BigInteger leaseId, uint epoch, uint currentEpoch)
        : base("StaleEpoch", operation, $"lease {leaseId} is at epoch {currentEpoch} but the call was for epoch {epoch}; this node lost the lease — stop its workload and refresh the lease.")
    {
        LeaseId = leaseId;
        Epoch = epoch;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>epoch</c>.</summary>
    public uint Epoch { get; }

    /// <summary>The error's <c>currentEpoch</c>.</summary>
    public uint CurrentEpoch { get; }
}
