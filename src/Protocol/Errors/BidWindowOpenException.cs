using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>BidWindowOpen(uint256 orderId, uint64 bidDeadline)</c>.</summary>
public sealed class BidWindowOpenException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public BidWindowOpenException(string operation, BigInteger orderId, ulong bidDeadline)
        : base("BidWindowOpen", operation, $"order {orderId} is still taking offers until {RevertText.Time(bidDeadline)}; only the tenant may finalize before then — wait or ask the tenant.")
    {
        OrderId = orderId;
        BidDeadline = bidDeadline;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>bidDeadline</c>.</summary>
    public ulong BidDeadline { get; }
}
