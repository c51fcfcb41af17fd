using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotLeaseProvider(uint256 leaseId, address caller)</c>.</summary>
public sealed class NotLeaseProviderException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotLeaseProviderException(string operation, BigInteger leaseId, string caller)
        : base("NotLeaseProvider", operation, $"{caller} is not the current provider of lease {leaseId}; send this from the operator (or owner) of the lease's provider.")
    {
        LeaseId = leaseId;
        Caller = caller;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>caller</c>.</summary>
    public string Caller { get; }
}
