using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>BidWindowClosed(uint256 orderId, uint64 bidDeadline)</c>.</summary>
public sealed class BidWindowClosedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public BidWindowClosedException(string operation, BigInteger orderId, ulong bidDeadline)
        : base("BidWindowClosed", operation, $"order {orderId} stopped taking offers at {RevertText.Time(bidDeadline)}; look for another open order.")
    {
        OrderId = orderId;
        BidDeadline = bidDeadline;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>bidDeadline</c>.</summary>
    public ulong BidDeadline { get; }
}
