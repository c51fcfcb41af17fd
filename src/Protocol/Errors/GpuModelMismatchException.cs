using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>GpuModelMismatch(uint256 orderId, address provider)</c>.</summary>
public sealed class GpuModelMismatchException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public GpuModelMismatchException(string operation, BigInteger orderId, string provider)
        : base("GpuModelMismatch", operation, $"provider {provider} does not have the GPU model order {orderId} asks for; offer only on orders that match your hardware.")
    {
        OrderId = orderId;
        Provider = provider;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
